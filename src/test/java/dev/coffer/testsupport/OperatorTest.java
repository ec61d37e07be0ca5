package dev.coffer.testsupport;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.UUID;

import static dev.coffer.testsupport.TestResources.externalSecret;
import static dev.coffer.testsupport.TestResources.fakeStore;

/**
 * Base of the reconciler tests: the real operator runs against the CRUD mock API server, and
 * each test works in a fresh namespace so tests do not see each other.
 */
public abstract class OperatorTest {

    @Inject
    protected KubernetesClient client;

    protected static String newNamespace() {
        return "ns-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected void fakeStoreIn(String ns, Map<String, String> data) {
        client.resource(fakeStore(ns, "fake", data)).create();
    }

    /** An ExternalSecret on the "fake" SecretStore; {@code specTail} is indented spec YAML. */
    protected ExternalSecret createExternalSecret(String ns, String name, String specTail) {
        return createExternalSecret(ns, name, "1h", """
                  secretStoreRef:
                    name: fake
                    kind: SecretStore
                """ + specTail);
    }

    /** An ExternalSecret with the given refresh interval and no store unless {@code specTail} names one. */
    protected ExternalSecret createExternalSecret(String ns, String name, String refreshInterval, String specTail) {
        return client.resource(externalSecret("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  refreshInterval: %s
                %s
                """.formatted(name, ns, refreshInterval, specTail))).create();
    }

    /** Replaces what the "fake" SecretStore of {@code ns} holds. */
    protected void fakeStoreHolds(String ns, Map<String, String> data) {
        SecretStore replacement = fakeStore(ns, "fake", data);
        client.resources(SecretStore.class).inNamespace(ns).withName("fake").edit(s -> {
            s.getSpec().provider = replacement.getSpec().provider;
            return s;
        });
    }

    /** Changes the force-sync annotation, as {@code kubectl annotate es NAME force-sync=... --overwrite} does. */
    protected void forceSync(String ns, String name) {
        client.resources(ExternalSecret.class).inNamespace(ns).withName(name).edit(es -> {
            es.getMetadata().setAnnotations(Map.of("force-sync", String.valueOf(System.nanoTime())));
            return es;
        });
    }

    protected ExternalSecret get(String ns, String name) {
        return client.resources(ExternalSecret.class).inNamespace(ns).withName(name).get();
    }
}
