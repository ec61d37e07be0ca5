package dev.coffer.sealing.kubeseal;

import dev.coffer.sealing.SealingException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Talks to the controller the way kubeseal does: through the API server's service proxy of the
 * current kubeconfig ({@code /api/v1/namespaces/<ns>/services/http:<name>:http/proxy/v1/...}).
 */
public final class ControllerClient implements AutoCloseable {

    private final KubernetesClient client;
    private final String base;

    public ControllerClient(Config config, String controllerNamespace, String controllerName) {
        this.client = new KubernetesClientBuilder().withConfig(config).build();
        this.base = "/api/v1/namespaces/" + controllerNamespace + "/services/http:" + controllerName + ":http/proxy";
    }

    public String cert() throws SealingException {
        return call("/v1/cert.pem", "GET", null);
    }

    /** Null when the SealedSecret unseals; the controller's reason when it does not. */
    public String verify(String sealedSecretJson) throws SealingException {
        try {
            client.raw(base + "/v1/verify", "POST", sealedSecretJson);
            return null;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage().trim()
                        : "the controller cannot decrypt it";
            }
            throw failure("/v1/verify", e);
        }
    }

    public String rotate(String sealedSecretJson) throws SealingException {
        return call("/v1/rotate", "POST", sealedSecretJson);
    }

    private String call(String path, String method, String body) throws SealingException {
        try {
            String answer = client.raw(base + path, method, body);
            if (answer == null) {
                throw new SealingException("the controller answered 404 at " + base + path
                        + " (check --controller-name and --controller-namespace)");
            }
            return answer;
        } catch (KubernetesClientException e) {
            throw failure(path, e);
        }
    }

    private SealingException failure(String path, KubernetesClientException e) {
        return new SealingException("cannot reach the controller at " + base + path + ": "
                + (e.getCode() > 0 ? "HTTP " + e.getCode() : e.getClass().getSimpleName())
                + (e.getStatus() != null && e.getStatus().getMessage() != null ? " " + e.getStatus().getMessage().trim() : ""));
    }

    @Override
    public void close() {
        client.close();
    }
}
