package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretData;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.StoreKind;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What wakes an ExternalSecret besides its own changes:
 * <ul>
 *   <li>its managed Secret changing or disappearing (drift is repaired at once). Only Secrets
 *   with the managed label are watched, so Coffer never caches Secrets it does not own;</li>
 *   <li>a store it uses changing, for example becoming Ready.</li>
 * </ul>
 */
final class ExternalSecretEventSources {

    static final String MANAGED_SECRETS = "managed-secrets";
    private static final String STORE_INDEX = "stores";

    private ExternalSecretEventSources() {
    }

    static List<EventSource<?, ExternalSecret>> create(EventSourceContext<ExternalSecret> context) {
        context.getPrimaryCache().addIndexer(STORE_INDEX, ExternalSecretEventSources::storeKeys);
        var secrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, ExternalSecret.class)
                .withName(MANAGED_SECRETS)
                .withLabelSelector(ManagedSecret.LABEL_MANAGED + "=true")
                .withSecondaryToPrimaryMapper(ExternalSecretEventSources::writerOf)
                .build(), context);
        var stores = new InformerEventSource<>(InformerEventSourceConfiguration.from(SecretStore.class, ExternalSecret.class)
                .withSecondaryToPrimaryMapper(s -> usersOf(context, key(StoreKind.SecretStore, s.getMetadata().getNamespace(),
                        s.getMetadata().getName())))
                .build(), context);
        var clusterStores = new InformerEventSource<>(InformerEventSourceConfiguration.from(ClusterSecretStore.class, ExternalSecret.class)
                .withSecondaryToPrimaryMapper(s -> usersOf(context, key(StoreKind.ClusterSecretStore, null, s.getMetadata().getName())))
                .build(), context);
        return List.of(secrets, stores, clusterStores);
    }

    /** The ExternalSecret that writes a Secret: its controller ownerReference, else the written-by annotation. */
    static Set<ResourceID> writerOf(Secret secret) {
        String ns = secret.getMetadata().getNamespace();
        if (secret.getMetadata().getOwnerReferences() != null) {
            for (OwnerReference ref : secret.getMetadata().getOwnerReferences()) {
                if (Boolean.TRUE.equals(ref.getController()) && "ExternalSecret".equals(ref.getKind())) {
                    return Set.of(new ResourceID(ref.getName(), ns));
                }
            }
        }
        String writer = secret.getMetadata().getAnnotations() == null ? null
                : secret.getMetadata().getAnnotations().get(ManagedSecret.ANNOTATION_WRITTEN_BY);
        if (writer != null && writer.contains("/")) {
            String[] parts = writer.split("/", 2);
            if (parts[0].equals(ns)) {
                return Set.of(new ResourceID(parts[1], ns));
            }
        }
        return Set.of();
    }

    private static Set<ResourceID> usersOf(EventSourceContext<ExternalSecret> context, String storeKey) {
        return context.getPrimaryCache().byIndex(STORE_INDEX, storeKey).stream()
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    /** Every store an ExternalSecret reads from: its own and any sourceRef.storeRef. */
    static List<String> storeKeys(ExternalSecret es) {
        Set<String> keys = new LinkedHashSet<>();
        String ns = es.getMetadata().getNamespace();
        if (es.getSpec() == null) {
            return List.of();
        }
        addKey(keys, es.getSpec().secretStoreRef, ns);
        if (es.getSpec().data != null) {
            for (ExternalSecretData d : es.getSpec().data) {
                addKey(keys, d.sourceRef == null ? null : d.sourceRef.storeRef, ns);
            }
        }
        if (es.getSpec().dataFrom != null) {
            for (ExternalSecretDataFromRemoteRef d : es.getSpec().dataFrom) {
                addKey(keys, d.sourceRef == null ? null : d.sourceRef.storeRef, ns);
            }
        }
        return new ArrayList<>(keys);
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
