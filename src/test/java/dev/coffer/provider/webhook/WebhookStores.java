package dev.coffer.provider.webhook;

import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.Map;

/** Webhook store manifests as users write them, and the provider with sharing off unless asked. */
final class WebhookStores {

    final InMemoryKube kube = new InMemoryKube();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** A Secret offered to templates, labelled as upstream requires. */
    WebhookStores webhookSecret(String namespace, String name, Map<String, String> values) {
        kube.secret(new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("external-secrets.io/type", "webhook").endMetadata().withStringData(values).build());
        return this;
    }

    static String store(String block) {
        return """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: hook, namespace: apps}
                spec:
                  provider:
                    webhook:
                """ + block.indent(6);
    }

    StoreContext context(String block) {
        return StoreFixtures.context(store(block), kube);
    }

    WebhookProviderImpl provider(Duration window) {
        return new WebhookProviderImpl(window, meters);
    }

    SecretsClient client(String block) {
        return provider(Duration.ZERO).newClient(context(block));
    }
}
