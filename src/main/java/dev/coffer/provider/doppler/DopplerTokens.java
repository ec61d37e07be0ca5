package dev.coffer.provider.doppler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.ProviderException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Doppler API token of a store: a service token as it is, or an OIDC token obtained by
 * posting a ServiceAccount token (TokenRequest) to {@code /v3/auth/oidc} and kept until a
 * minute before it expires, as upstream.
 */
interface DopplerTokens extends Supplier<String> {

    Duration RENEW_BEFORE = Duration.ofSeconds(60);

    static DopplerTokens fixed(String token) {
        return () -> token;
    }

    /**
     * @param namespace where the ServiceAccount lives
     * @param audiences the token's audiences (the API URL, the store's own audience, the user's)
     */
    static DopplerTokens oidc(DopplerApi api, KubeAccess kube, String namespace, String serviceAccount,
                              List<String> audiences, long expirationSeconds, String identity, Clock clock) {
        return new Oidc(api, () -> kube.serviceAccountToken(namespace, serviceAccount, audiences, expirationSeconds),
                identity, clock);
    }

    /** Exchanges on demand; concurrent readers wait for one exchange. */
    final class Oidc implements DopplerTokens {
        private final DopplerApi api;
        private final Supplier<String> serviceAccountToken;
        private final String identity;
        private final Clock clock;
        private String token;
        private Instant expiresAt = Instant.MIN;

        Oidc(DopplerApi api, Supplier<String> serviceAccountToken, String identity, Clock clock) {
            this.api = api;
            this.serviceAccountToken = serviceAccountToken;
            this.identity = identity;
            this.clock = clock;
        }

        @Override
        public synchronized String get() {
            if (token != null && clock.instant().plus(RENEW_BEFORE).isBefore(expiresAt)) {
                return token;
            }
            JsonNode answer = api.oidc(identity, serviceAccountToken.get());
            String issued = answer.path("token").asText("");
            if (!answer.path("success").asBoolean(false) || issued.isEmpty()) {
                throw ProviderException.accessDenied("Doppler OIDC login of identity \"" + identity + "\" did not succeed");
            }
            try {
                expiresAt = OffsetDateTime.parse(answer.path("expires_at").asText("")).toInstant();
            } catch (DateTimeParseException e) {
                throw ProviderException.unavailable("Doppler OIDC login of identity \"" + identity
                        + "\" gave no valid expires_at", null);
            }
            token = issued;
            return token;
        }
    }
}
