package dev.coffer.provider.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.ProviderException;
import io.fabric8.kubernetes.client.OAuthTokenProvider;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Bearer tokens for {@code auth.serviceAccount}, minted with the TokenRequest API and renewed
 * once two thirds of their lifetime has passed, so the one HTTP client of a store keeps working
 * for as long as the store lives. The fabric8 client asks for the token before every request;
 * renewal happens on the first request past the mark, under a lock, so concurrent requests
 * mint one token between them.
 */
final class ServiceAccountTokenSource implements OAuthTokenProvider {

    /** Requested lifetime, as upstream; the API server may grant a different one (read from the JWT). */
    static final long REQUESTED_SECONDS = 3600;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubeAccess kube;
    private final String namespace;
    private final String name;
    private final List<String> audiences;
    private final Clock clock;

    private String token;
    private Instant renewAt = Instant.MIN;
    private Instant expiresAt = Instant.MIN;

    ServiceAccountTokenSource(KubeAccess kube, String namespace, String name, List<String> audiences, Clock clock) {
        this.kube = kube;
        this.namespace = namespace;
        this.name = name;
        this.audiences = audiences == null ? List.of() : List.copyOf(audiences);
        this.clock = clock;
    }

    @Override
    public synchronized String getToken() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            try {
                mint(now);
            } catch (ProviderException e) {
                // A still-valid token keeps serving while the TokenRequest API is unwell; the next
                // request tries again.
                if (token == null || !now.isBefore(expiresAt)) {
                    throw e;
                }
            }
        }
        return token;
    }

    /** The service account, for messages. */
    String describe() {
        return "service account " + namespace + "/" + name;
    }

    private void mint(Instant now) {
        String minted;
        try {
            minted = kube.serviceAccountToken(namespace, name, audiences, REQUESTED_SECONDS);
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ProviderException.unavailable("could not request a token for " + describe(), e);
        }
        if (minted == null || minted.isBlank()) {
            throw ProviderException.unavailable("the TokenRequest API returned no token for " + describe(), null);
        }
        Duration lifetime = lifetimeOf(minted, now);
        token = minted.trim();
        expiresAt = now.plus(lifetime);
        renewAt = now.plus(lifetime.multipliedBy(2).dividedBy(3));
    }

    /**
     * The token's lifetime from its {@code exp} claim when it is a JWT (a real API server may
     * shorten or extend what was asked for), otherwise the lifetime requested.
     */
    private static Duration lifetimeOf(String jwt, Instant now) {
        String[] parts = jwt.trim().split("\\.");
        if (parts.length == 3) {
            try {
                JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                if (claims != null && claims.path("exp").canConvertToLong()) {
                    Duration left = Duration.between(now, Instant.ofEpochSecond(claims.path("exp").asLong()));
                    if (!left.isNegative() && !left.isZero()) {
                        return left;
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                // Not a JWT we can read: fall back to what was requested.
            }
        }
        return Duration.ofSeconds(REQUESTED_SECONDS);
    }
}
