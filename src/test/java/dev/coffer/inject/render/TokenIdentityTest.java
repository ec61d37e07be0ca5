package dev.coffer.inject.render;

import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatusBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which TokenReview answers name a pod: only an authenticated, pod-bound service-account token for Coffer's audience. */
class TokenIdentityTest {

    static TokenReviewStatus status(boolean authenticated, String user, Map<String, List<String>> extra, List<String> audiences) {
        return new TokenReviewStatusBuilder().withAuthenticated(authenticated).withAudiences(audiences)
                .withNewUser().withUsername(user).withExtra(extra).endUser().build();
    }

    static final Map<String, List<String>> BOUND = Map.of(
            "authentication.kubernetes.io/pod-name", List.of("web-7f9"),
            "authentication.kubernetes.io/pod-uid", List.of("0b5e"));

    @Test
    void aBoundTokenNamesItsPod() {
        assertThat(ApiServerTokenReviewer.identity(status(true, "system:serviceaccount:apps:web", BOUND, List.of("coffer-inject")),
                "coffer-inject")).contains(new PodIdentity("apps", "web-7f9", "0b5e", "web"));
    }

    @Test
    void anythingElseNamesNoOne() {
        assertThat(ApiServerTokenReviewer.identity(null, "coffer-inject")).isEmpty();
        assertThat(ApiServerTokenReviewer.identity(status(false, "system:serviceaccount:apps:web", BOUND, List.of()),
                "coffer-inject")).as("not authenticated").isEmpty();
        assertThat(ApiServerTokenReviewer.identity(status(true, "system:serviceaccount:apps:web", BOUND, List.of("https://kubernetes.default.svc")),
                "coffer-inject")).as("another audience").isEmpty();
        assertThat(ApiServerTokenReviewer.identity(status(true, "system:serviceaccount:apps:web", Map.of(), List.of("coffer-inject")),
                "coffer-inject")).as("a token not bound to a pod (legacy Secret token)").isEmpty();
        assertThat(ApiServerTokenReviewer.identity(status(true, "alice", BOUND, List.of("coffer-inject")),
                "coffer-inject")).as("a user, not a service account").isEmpty();
    }
}
