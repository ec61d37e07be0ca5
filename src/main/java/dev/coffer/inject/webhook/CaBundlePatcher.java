package dev.coffer.inject.webhook;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Objects;

/**
 * Puts the CA bundle into every webhook of Coffer's MutatingWebhookConfiguration, so the API
 * server trusts the serving certificate. Only the leader calls it; a no-op when it is there already.
 */
public final class CaBundlePatcher {

    private final KubernetesClient client;
    private final String configurationName;

    public CaBundlePatcher(KubernetesClient client, String configurationName) {
        this.client = client;
        this.configurationName = configurationName;
    }

    /** @return true when the configuration was changed; false when it was current or does not exist */
    public boolean patch(String caBundleBase64) {
        var resource = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(configurationName);
        MutatingWebhookConfiguration current = resource.get();
        if (current == null || current.getWebhooks() == null
                || current.getWebhooks().stream().allMatch(w -> caBundleBase64.equals(caBundle(w)))) {
            return false;
        }
        resource.edit(c -> {
            c.getWebhooks().stream().filter(w -> w.getClientConfig() != null)
                    .forEach(w -> w.getClientConfig().setCaBundle(caBundleBase64));
            return c;
        });
        return true;
    }

    private static String caBundle(MutatingWebhook w) {
        return w.getClientConfig() == null ? null : Objects.toString(w.getClientConfig().getCaBundle(), null);
    }
}
