package dev.coffer.push;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.StoreKind;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretStoreRef;
import dev.coffer.store.NamespaceConditions;
import dev.coffer.store.StoreLookup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stores of a PushSecret, from the controller's informer caches: {@code secretStoreRefs} by
 * name or by label selector, and the "Kind/name" keys that status uses for them.
 */
@SuppressWarnings("unchecked")
final class PushStores implements StoreLookup {

    private final Context<?> context;
    private final KubernetesClient client;

    PushStores(Context<?> context, KubernetesClient client) {
        this.context = context;
        this.client = client;
    }

    static String key(StoreKind kind, String name) {
        return (kind == null ? StoreKind.SecretStore : kind) + "/" + name;
    }

    /** Whether a status key reads as "Kind/name" (anything else was not written by Coffer and is skipped). */
    static boolean isKey(String key) {
        int slash = key.indexOf('/');
        return slash > 0 && slash < key.length() - 1
                && (key.startsWith(StoreKind.SecretStore + "/") || key.startsWith(StoreKind.ClusterSecretStore + "/"));
    }

    /** The reference a status key stands for. */
    static SecretStoreRef ref(String key) {
        int slash = key.indexOf('/');
        SecretStoreRef ref = new SecretStoreRef();
        ref.kind = StoreKind.valueOf(key.substring(0, slash));
        ref.name = key.substring(slash + 1);
        return ref;
    }

    /** The store keys the refs name, in order, each once; a label selector picks every matching store of its kind. */
    List<String> resolve(List<PushSecretStoreRef> refs, String namespace) {
        Set<String> keys = new LinkedHashSet<>();
        for (PushSecretStoreRef r : refs == null ? List.<PushSecretStoreRef>of() : refs) {
            if (r == null) {
                continue;
            }
            StoreKind kind = r.kind == null ? StoreKind.SecretStore : r.kind;
            if (r.name != null && !r.name.isEmpty()) {
                keys.add(key(kind, r.name));
            } else if (r.labelSelector != null) {
                List<? extends HasMetadata> matching = kind == StoreKind.ClusterSecretStore
                        ? cache(ClusterSecretStore.class).list(s -> labelled(s, r)).toList()
                        : cache(SecretStore.class).list(namespace, s -> labelled(s, r)).toList();
                matching.stream().map(s -> key(kind, s.getMetadata().getName())).sorted().forEach(keys::add);
            }
        }
        return new ArrayList<>(keys);
    }

    private static boolean labelled(HasMetadata store, PushSecretStoreRef ref) {
        Map<String, String> labels = store.getMetadata().getLabels() == null ? Map.of() : store.getMetadata().getLabels();
        return NamespaceConditions.selects(ref.labelSelector, labels);
    }

    @Override
    public Optional<SecretStore> secretStore(String namespace, String name) {
        return cache(SecretStore.class).get(new ResourceID(name, namespace));
    }

    @Override
    public Optional<ClusterSecretStore> clusterSecretStore(String name) {
        return cache(ClusterSecretStore.class).get(new ResourceID(name));
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(client.namespaces().withName(name).get());
    }

    private <T extends HasMetadata> InformerEventSource<T, ?> cache(Class<T> type) {
        return (InformerEventSource<T, ?>) context.eventSourceRetriever().getEventSourceFor(type);
    }
}
