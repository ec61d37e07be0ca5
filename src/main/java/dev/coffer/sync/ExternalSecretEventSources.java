package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretData;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.StoreKind;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What wakes an ExternalSecret besides its own changes:
 * <ul>
 *   <li>its managed Secret changing or disappearing (drift is repaired at once). Only Secrets
 *   with the managed label are watched, so Coffer never caches Secrets it does not own. A Secret
 *   maps to the ExternalSecrets that target its name (an index, as upstream), whatever the
 *   creationPolicy, so no mark of Coffer's own is needed on the Secret. The cache keeps their
 *   metadata, not their values ({@link MetadataOnlyManagedSecrets});</li>
 *   <li>a store it uses changing, for example becoming Ready.</li>
 * </ul>
 */
final class ExternalSecretEventSources {

    static final String MANAGED_SECRETS = "managed-secrets";
    private static final String STORE_INDEX = "stores";
    private static final String TARGET_INDEX = "target";

    private ExternalSecretEventSources() {
    }

    static List<EventSource<?, ExternalSecret>> create(EventSourceContext<ExternalSecret> context,
                                                       MetadataOnlyManagedSecrets secretCache) {
        context.getPrimaryCache().addIndexer(STORE_INDEX, ExternalSecretEventSources::storeKeys);
        // Most ExternalSecrets target a Secret of their own name, found without an index; only the
        // others are indexed (an index entry is a set of its own, about 250 bytes per ExternalSecret).
        context.getPrimaryCache().addIndexer(TARGET_INDEX, es -> es.getSpec() == null || targetsOwnName(es) ? List.of()
                : List.of(es.getMetadata().getNamespace() + "/" + Policies.targetName(es)));
        // Each source also says which secondaries a primary has (from its spec), so that JOSDK keeps
        // no primary-to-secondary index of its own: that index holds a set per ExternalSecret.
        var secrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, ExternalSecret.class)
                .withName(MANAGED_SECRETS)
                .withLabelSelector(ManagedSecret.LABEL_MANAGED + "=true")
                .withSecondaryToPrimaryMapper(s -> targetersOf(context, s))
                .withPrimaryToSecondaryMapper((ExternalSecret es) -> es.getSpec() == null ? Set.of()
                        : Set.of(new ResourceID(Policies.targetName(es), es.getMetadata().getNamespace())))
                .withItemStore(secretCache)
                .build(), context);
        var stores = new InformerEventSource<>(InformerEventSourceConfiguration.from(SecretStore.class, ExternalSecret.class)
                .withSecondaryToPrimaryMapper(s -> usersOf(context, key(StoreKind.SecretStore, s.getMetadata().getNamespace(),
                        s.getMetadata().getName())))
                .withPrimaryToSecondaryMapper((ExternalSecret es) -> storesOf(es, StoreKind.SecretStore))
                .build(), context);
        var clusterStores = new InformerEventSource<>(InformerEventSourceConfiguration.from(ClusterSecretStore.class, ExternalSecret.class)
                .withSecondaryToPrimaryMapper(s -> usersOf(context, key(StoreKind.ClusterSecretStore, null, s.getMetadata().getName())))
                .withPrimaryToSecondaryMapper((ExternalSecret es) -> storesOf(es, StoreKind.ClusterSecretStore))
                .build(), context);
        return List.of(secrets, stores, clusterStores);
    }

    /** The ExternalSecrets whose target is this Secret: the one of its name, and those indexed by target. */
    static Set<ResourceID> targetersOf(EventSourceContext<ExternalSecret> context, Secret secret) {
        String ns = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        Set<ResourceID> targeters = context.getPrimaryCache().byIndex(TARGET_INDEX, ns + "/" + name).stream()
                .map(ResourceID::fromResource).collect(Collectors.toCollection(HashSet::new));
        ResourceID sameName = new ResourceID(name, ns);
        context.getPrimaryCache().get(sameName).filter(es -> es.getSpec() != null && targetsOwnName(es))
                .ifPresent(es -> targeters.add(sameName));
        return targeters;
    }

    private static boolean targetsOwnName(ExternalSecret es) {
        return Policies.targetName(es).equals(es.getMetadata().getName());
    }

    /** The stores of one kind an ExternalSecret reads from. */
    private static Set<ResourceID> storesOf(ExternalSecret es, StoreKind kind) {
        String ns = kind == StoreKind.ClusterSecretStore ? null : es.getMetadata().getNamespace();
        return storeRefs(es).stream().filter(ref -> ref.kind == kind).map(ref -> new ResourceID(ref.name, ns))
                .collect(Collectors.toSet());
    }

    private static Set<ResourceID> usersOf(EventSourceContext<ExternalSecret> context, String storeKey) {
        return context.getPrimaryCache().byIndex(STORE_INDEX, storeKey).stream()
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /** Every store an ExternalSecret reads from: its own and any sourceRef.storeRef. */
    static List<String> storeKeys(ExternalSecret es) {
        Set<String> keys = new LinkedHashSet<>();
        for (SecretStoreRef ref : storeRefs(es)) {
            addKey(keys, ref, es.getMetadata().getNamespace());
        }
        return new ArrayList<>(keys);
    }

    /** The store references of an ExternalSecret (kind defaulted to SecretStore), its own first. */
    static List<SecretStoreRef> storeRefs(ExternalSecret es) {
        List<SecretStoreRef> refs = new ArrayList<>();
        if (es.getSpec() == null) {
            return refs;
        }
        addRef(refs, es.getSpec().secretStoreRef);
        if (es.getSpec().data != null) {
            for (ExternalSecretData d : es.getSpec().data) {
                addRef(refs, d.sourceRef == null ? null : d.sourceRef.storeRef);
            }
        }
        if (es.getSpec().dataFrom != null) {
            for (ExternalSecretDataFromRemoteRef d : es.getSpec().dataFrom) {
                addRef(refs, d.sourceRef == null ? null : d.sourceRef.storeRef);
            }
        }
        return refs;
    }

    private static void addRef(List<SecretStoreRef> refs, SecretStoreRef ref) {
        if (ref != null && ref.name != null && !ref.name.isEmpty()) {
            SecretStoreRef copy = new SecretStoreRef();
            copy.name = ref.name;
            copy.kind = ref.kind == null ? StoreKind.SecretStore : ref.kind;
            refs.add(copy);
        }
    }

    private static void addKey(Set<String> keys, SecretStoreRef ref, String ns) {
        if (ref != null && ref.name != null) {
            StoreKind kind = ref.kind == null ? StoreKind.SecretStore : ref.kind;
            keys.add(key(kind, kind == StoreKind.ClusterSecretStore ? null : ns, ref.name));
        }
    }

    private static String key(StoreKind kind, String ns, String name) {
        return kind + "/" + (ns == null ? "" : ns) + "/" + name;
    }

}
