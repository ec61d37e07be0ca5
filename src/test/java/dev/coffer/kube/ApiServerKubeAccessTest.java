package dev.coffer.kube;

import dev.coffer.provider.ProviderException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A ServiceAccount the operator may not read (found on a real API server: the chart lacked the
 * grant, and the refusal escaped the store reconciler as an uncaught error) is a provider error,
 * so it ends in the store's status like any other.
 */
class ApiServerKubeAccessTest {

    KubernetesMockServer server;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        server.expect().get().withPath("/api/v1/namespaces/apps/serviceaccounts/reader")
                .andReturn(403, new StatusBuilder().withCode(403).withMessage("server-text-canary").build()).always();
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    @Test
    void aRefusedServiceAccountReadIsAccessDenied() {
        ApiServerKubeAccess kube = new ApiServerKubeAccess(server.createClient());
        assertThatThrownBy(() -> kube.serviceAccountAnnotations("apps", "reader"))
                .isInstanceOf(ProviderException.class)
                .hasMessage("cannot read service account apps/reader (HTTP 403)")
                .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED));
    }
}
