package dev.coffer.push;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecret;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretSource;
import dev.coffer.kube.LazyEventSources;
import dev.coffer.kube.MetadataOnlyItemStore;
import dev.coffer.store.NamespaceConditions;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What wakes a PushSecret besides its own changes: its source Secret changing (pushed at once,
 * where upstream waits for the refresh interval), and a store changing (for example becoming
 * Ready). Source Secrets are any Secrets, so this informer watches every Secret; it maps each to
 * the PushSecrets of its namespace that select it by name or by labels.
 */
final class PushSecretEventSources {

    static final String SOURCE_SECRETS = "push-source-secrets";

    private PushSecretEventSources() {
    }

    static List<EventSource<?, PushSecret>> create(EventSourceContext<PushSecret> context) {
        var stores = new InformerEventSource<>(InformerEventSourceConfiguration.from(SecretStore.class, PushSecret.class)
                .withSecondaryToPrimaryMapper(s -> all(context, s.getMetadata().getNamespace()))
                .build(), context);
        var clusterStores = new InformerEventSource<>(InformerEventSourceConfiguration.from(ClusterSecretStore.class, PushSecret.class)
                .withSecondaryToPrimaryMapper(s -> all(context, null))
                .build(), context);
        return List.of(stores, clusterStores);
    }

    /**
     * The watch of source Secrets, started by the first PushSecret that reads one
     * ({@link LazyEventSources}): without PushSecrets, no Secret is listed or kept for them.
     */
    static InformerEventSource<Secret, PushSecret> sourceSecrets(Context<PushSecret> context) {
        return LazyEventSources.registered(context, Secret.class, SOURCE_SECRETS, PushSecretEventSources::sourceSecrets);
    }

    private static InformerEventSource<Secret, PushSecret> sourceSecrets(EventSourceContext<PushSecret> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, PushSecret.class)
                .withName(SOURCE_SECRETS)
                .withSecondaryToPrimaryMapper(s -> selecting(context, s))
                // every Secret of the cluster passes through this watch: keep names and labels only,
                // the data of the few a PushSecret selects is read when it is pushed (PushSource)
                .withItemStore(new MetadataOnlyItemStore<>(Secret.class))
                .build(), context);
    }

    /** The PushSecrets of the Secret's namespace whose {@code selector.secret} picks it. */
    private static Set<ResourceID> selecting(EventSourceContext<PushSecret> context, Secret secret) {
        String ns = secret.getMetadata().getNamespace();
        return context.getPrimaryCache().list(ns, ps -> selects(ps, secret))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    static boolean selects(PushSecret ps, Secret secret) {
        PushSecretSource source = ps.getSpec() == null || ps.getSpec().selector == null ? null : ps.getSpec().selector.secret;
        if (source == null) {
            return false;
        }
        if (source.name != null && !source.name.isEmpty()) {
            return source.name.equals(secret.getMetadata().getName());
        }
        Map<String, String> labels = secret.getMetadata().getLabels() == null ? Map.of() : secret.getMetadata().getLabels();
        return source.selector != null && NamespaceConditions.selects(source.selector, labels);
    }

    private static Set<ResourceID> all(EventSourceContext<PushSecret> context, String namespace) {
        var cache = context.getPrimaryCache();
        return (namespace == null ? cache.list() : cache.list(namespace)).map(ResourceID::fromResource).collect(Collectors.toSet());
    }
}
