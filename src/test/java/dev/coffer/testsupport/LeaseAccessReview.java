package dev.coffer.testsupport;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;

import java.util.function.Consumer;

/**
 * Answers the SelfSubjectRulesReview JOSDK sends before it starts leader election (the CRUD
 * mock server rejects it) with what the API server answers for the chart's leader-election
 * Role: get, create and update on leases. Use as {@code @WithKubernetesTestServer(setup = ...)}.
 */
public final class LeaseAccessReview implements Consumer<KubernetesServer> {

    @Override
    public void accept(KubernetesServer server) {
        answer(server.getKubernetesMockServer());
    }

    public static void answer(KubernetesMockServer server) {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                        .withResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io")
                                .withResources("leases").withVerbs("get", "create", "update").build())
                        .endStatus().build())
                .always();
    }
}
