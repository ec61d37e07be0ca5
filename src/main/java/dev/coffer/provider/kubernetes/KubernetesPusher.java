package dev.coffer.provider.kubernetes;

import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsPusher;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Pushes into Secrets of the store's namespace. The remote key is the Secret's name; a property is
 * one data key of it. A whole-Secret push without a property copies every key; with a property it
 * writes the Secret as JSON under that key. A single value needs a property (the data key to put
 * it under). Other keys of the remote Secret are kept. Secrets this creates carry the label
 * {@value SecretsPusher#MANAGED_BY_KEY}={@value SecretsPusher#MANAGED_BY_VALUE}; an update goes
 * with the resourceVersion read, so a concurrent change makes the push fail (and retry) rather
 * than be lost. {@code metadata} is not read: the remote Secret's labels and annotations are
 * left as they are.
 */
final class KubernetesPusher implements SecretsPusher {

    private final KubernetesClient client;
    private final String namespace;
    private final String serverUrl;

    KubernetesPusher(KubernetesClient client, String namespace, String serverUrl) {
        this.client = client;
        this.namespace = namespace;
        this.serverUrl = serverUrl;
    }

    @Override
    public PushOutcome push(PushRequest request) {
        PushRemoteRef remote = request.remote();
        Map<String, String> wanted = wantedData(request);
        Secret current = read(remote.remoteKey());
        try {
            if (current == null) {
                secret(remote.remoteKey()).create(new SecretBuilder()
                        .withNewMetadata().withName(remote.remoteKey()).withNamespace(namespace)
                        .addToLabels(MANAGED_BY_KEY, MANAGED_BY_VALUE).endMetadata()
                        .withType("Opaque").withData(wanted).build());
                return PushOutcome.CREATED;
            }
            if (!managed(current) && !request.replaceUnmanaged()) {
                throw ProviderException.invalidConfig("Secret \"" + remote.remoteKey() + "\" in namespace " + namespace
                        + " exists and is not managed by external-secrets");
            }
            Map<String, String> data = new HashMap<>(current.getData() == null ? Map.of() : current.getData());
            Map<String, String> before = Map.copyOf(data);
            data.putAll(wanted);
            if (data.equals(before)) {
                return PushOutcome.UNCHANGED;
            }
            current.setData(data);
            client.secrets().inNamespace(namespace).resource(current).update(); // carries the resourceVersion read: optimistic
            return PushOutcome.UPDATED;
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ApiErrors.translate(e, serverUrl, "write Secret \"" + remote.remoteKey() + "\" in namespace " + namespace);
        }
    }

    @Override
    public boolean delete(PushRemoteRef remote) {
        Secret current = read(remote.remoteKey());
        if (current == null || !managed(current)) {
            return false;
        }
        try {
            Map<String, String> data = new HashMap<>(current.getData() == null ? Map.of() : current.getData());
            if (remote.hasProperty() && data.remove(remote.property()) == null) {
                return false;
            }
            if (!remote.hasProperty() || data.isEmpty()) {
                client.secrets().inNamespace(namespace).resource(current).delete();
            } else {
                current.setData(data);
                client.secrets().inNamespace(namespace).resource(current).update();
            }
            return true;
        } catch (RuntimeException e) {
            throw ApiErrors.translate(e, serverUrl, "delete from Secret \"" + remote.remoteKey() + "\" in namespace " + namespace);
        }
    }

    @Override
    public boolean exists(PushRemoteRef remote) {
        Secret current = read(remote.remoteKey());
        return current != null && (!remote.hasProperty()
                || (current.getData() != null && current.getData().containsKey(remote.property())));
    }

    private static Map<String, String> wantedData(PushRequest request) {
        PushRemoteRef remote = request.remote();
        Base64.Encoder b64 = Base64.getEncoder();
        Map<String, String> wanted = new HashMap<>();
        if (remote.hasProperty()) {
            wanted.put(remote.property(), b64.encodeToString(request.value()));
        } else if (request.isWholeSecret()) {
            request.wholeSecret().forEach((k, v) -> wanted.put(k, b64.encodeToString(v)));
        } else {
            throw ProviderException.invalidConfig("remoteRef.property is required by the kubernetes provider to push one key"
                    + " (it names the key in Secret \"" + remote.remoteKey() + "\")");
        }
        return wanted;
    }

    private static boolean managed(Secret secret) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        return labels != null && Objects.equals(labels.get(MANAGED_BY_KEY), MANAGED_BY_VALUE);
    }

    private Secret read(String name) {
        try {
            return secret(name).get();
        } catch (RuntimeException e) {
            throw ApiErrors.translate(e, serverUrl, "get Secret \"" + name + "\" in namespace " + namespace);
        }
    }

    private Resource<Secret> secret(String name) {
        return client.secrets().inNamespace(namespace).withName(name);
    }
}
