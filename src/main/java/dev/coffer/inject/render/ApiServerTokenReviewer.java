package dev.coffer.inject.render;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates a token with a TokenReview (RBAC: {@code create tokenreviews}), for Coffer's
 * audience only. Only a token bound to a pod names one: the API server puts the pod's name and
 * UID into {@code status.user.extra}; a legacy or unbound token is refused.
 */
public final class ApiServerTokenReviewer implements TokenReviewer {

    static final String POD_NAME = "authentication.kubernetes.io/pod-name";
    static final String POD_UID = "authentication.kubernetes.io/pod-uid";
    private static final String SA_PREFIX = "system:serviceaccount:";

    private final KubernetesClient client;
    private final String audience;

    public ApiServerTokenReviewer(KubernetesClient client, String audience) {
        this.client = client;
        this.audience = audience;
    }

    @Override
    public Optional<PodIdentity> review(String token) {
        TokenReview asked = new TokenReviewBuilder().withNewSpec().withToken(token).withAudiences(audience).endSpec().build();
        TokenReview answer = client.resource(asked).create();
        return identity(answer == null ? null : answer.getStatus(), audience);
    }

    /** The pod of an authenticated review for {@code audience}; empty for anything else. Pure. */
    static Optional<PodIdentity> identity(TokenReviewStatus status, String audience) {
        if (status == null || !Boolean.TRUE.equals(status.getAuthenticated()) || status.getUser() == null) {
            return Optional.empty();
        }
        // the API server echoes the audiences the token is valid for among those asked for
        if (status.getAudiences() != null && !status.getAudiences().isEmpty() && !status.getAudiences().contains(audience)) {
            return Optional.empty();
        }
        String user = status.getUser().getUsername();
        if (user == null || !user.startsWith(SA_PREFIX)) {
            return Optional.empty();
        }
        String[] nsAndName = user.substring(SA_PREFIX.length()).split(":", 2);
        Map<String, List<String>> extra = status.getUser().getExtra() == null ? Map.of() : status.getUser().getExtra();
        String pod = first(extra.get(POD_NAME));
        String uid = first(extra.get(POD_UID));
        if (nsAndName.length != 2 || pod == null || uid == null) {
            return Optional.empty();
        }
        return Optional.of(new PodIdentity(nsAndName[0], pod, uid, nsAndName[1]));
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }
}
