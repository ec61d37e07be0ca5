package dev.coffer.cli;

import dev.coffer.api.externalsecrets.v1.CreationPolicy;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.store.ClientCache;
import dev.coffer.store.StoreAccess;
import dev.coffer.sync.Policies;
import dev.coffer.sync.SecretWritePlan;
import dev.coffer.sync.SyncEngine;
import dev.coffer.sync.SyncFailure;
import dev.coffer.sync.Templaters;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Secrets the operator would write for the ExternalSecrets in some files, through the same
 * fetch and shape code the reconciler runs; the files stand in for the cluster. {@code render}
 * prints them, {@code run} hands them to a process.
 */
final class SecretRenderer {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    SecretRenderer() {
        ManifestApplier.registerKinds(serialization);
    }

    KubernetesSerialization serialization() {
        return serialization;
    }

    /** One Secret per ExternalSecret (none for creationPolicy None), in file order. */
    List<Secret> render(List<Path> files, String namespace) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new IllegalArgumentException(f + ": no such file or folder");
            }
            objects.addAll(ManifestApplier.read(serialization, f));
        }
        FileObjects cluster = new FileObjects(objects, namespace);
        List<ExternalSecret> externalSecrets = objects.stream().filter(ExternalSecret.class::isInstance)
                .map(ExternalSecret.class::cast).toList();
        if (externalSecrets.isEmpty()) {
            throw new IllegalArgumentException("no ExternalSecret in the given files");
        }
        List<Secret> rendered = new ArrayList<>();
        SyncEngine engine = new SyncEngine(Templaters.standard());
        try (ClientCache clients = new ClientCache()) {
            for (ExternalSecret es : externalSecrets) {
                es.getMetadata().setNamespace(cluster.namespaceOf(es));
                renderOne(es, cluster, clients, engine).ifPresent(rendered::add);
            }
        }
        return rendered;
    }

    private static Optional<Secret> renderOne(ExternalSecret es, FileObjects cluster, ClientCache clients, SyncEngine engine) {
        String ns = es.getMetadata().getNamespace();
        StoreAccess stores = new StoreAccess(ns, cluster, ProviderRegistry.standard(), clients, cluster, false);
        Map<String, byte[]> data;
        try {
            data = engine.fetch(es, stores);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("ExternalSecret " + ns + "/" + es.getMetadata().getName() + ": "
                    + SyncFailure.of(e).message(), null);
        }
        Secret live = cluster.secret(ns, Policies.targetName(es)).orElse(null);
        SecretWritePlan plan = engine.plan(es, data, live, cluster);
        if (Policies.creation(es.getSpec()) == CreationPolicy.None) {
            return Optional.empty();
        }
        Secret secret = plan.secret();
        secret.getMetadata().setResourceVersion(null);
        return Optional.of(secret);
    }
}
