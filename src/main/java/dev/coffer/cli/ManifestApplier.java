package dev.coffer.cli;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.generators.v1alpha1.ClusterGenerator;
import dev.coffer.api.generators.v1alpha1.Password;
import dev.coffer.api.generators.v1alpha1.UUID;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecret;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests from files and folders (multi-document YAML or JSON), the way
 * {@code kubectl apply -f} does, and applies them: create, or update what exists. Coffer's own
 * kinds are registered first so they load as typed objects.
 */
public final class ManifestApplier {

    private final KubernetesClient client;

    public ManifestApplier(KubernetesClient client) {
        this.client = client;
        registerKinds(client.getKubernetesSerialization());
    }

    /** Registers Coffer's custom kinds with a serialization, so YAML loads as typed objects. */
    public static void registerKinds(KubernetesSerialization serialization) {
        for (Class<? extends KubernetesResource> kind : List.of(ExternalSecret.class, SecretStore.class, ClusterSecretStore.class,
                dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret.class,
                Password.class, UUID.class, VaultDynamicSecret.class, ClusterGenerator.class,
                dev.coffer.api.generators.v1alpha1.Fake.class, dev.coffer.api.generators.v1alpha1.SSHKey.class,
                dev.coffer.api.generators.v1alpha1.STSSessionToken.class,
                dev.coffer.api.generators.v1alpha1.ECRAuthorizationToken.class, dev.coffer.api.generators.v1alpha1.Webhook.class,
                dev.coffer.api.externalsecrets.v1.ClusterExternalSecret.class,
                dev.coffer.api.externalsecrets.v1alpha1.PushSecret.class,
                dev.coffer.api.externalsecrets.v1alpha1.ClusterPushSecret.class)) {
            serialization.registerKubernetesResource(kind);
        }
    }

    /** Applies every manifest below the paths, CRDs and namespaces first; returns what was applied. */
    public List<HasMetadata> apply(List<Path> paths) {
        List<HasMetadata> items = new ArrayList<>();
        for (Path p : paths) {
            items.addAll(read(client.getKubernetesSerialization(), p));
        }
        items.sort(Comparator.comparingInt(ManifestApplier::order));
        for (HasMetadata item : items) {
            // Merge-patch what exists, as kubectl apply does: the fields the manifest sets are
            // written, and what it does not mention (status, finalizers) is kept.
            client.resource(item).createOr(op -> op.patch(PatchContext.of(PatchType.JSON_MERGE)));
        }
        return items;
    }

    /** Every manifest in a file, or in the YAML/JSON files below a folder, in path order. */
    public static List<HasMetadata> read(KubernetesSerialization serialization, Path path) {
        List<HasMetadata> out = new ArrayList<>();
        for (Path file : files(path)) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            Object parsed;
            try {
                parsed = serialization.unmarshal(text);
            } catch (RuntimeException e) {
                // Only where, never the parser's text: it can quote the manifest, and manifests hold secrets.
                throw new IllegalArgumentException(file + " is not a valid Kubernetes manifest" + location(e));
            }
            collect(parsed, out, file);
        }
        return out;
    }

    private static void collect(Object parsed, List<HasMetadata> out, Path file) {
        if (parsed == null) {
            return;
        }
        if (parsed instanceof List<?> list) {
            list.forEach(o -> collect(o, out, file));
        } else if (parsed instanceof KubernetesResourceList<?> list) {
            list.getItems().forEach(o -> collect(o, out, file));
        } else if (parsed instanceof HasMetadata h) {
            out.add(h);
        } else {
            throw new IllegalArgumentException(file + " holds something that is not a Kubernetes object");
        }
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") || p.toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    private static int order(HasMetadata item) {
        return switch (item.getKind()) {
            case "CustomResourceDefinition" -> 0;
            case "Namespace" -> 1;
            case "ServiceAccount", "Secret", "ConfigMap" -> 2;
            case "SecretStore", "ClusterSecretStore", "Password", "UUID", "VaultDynamicSecret", "ClusterGenerator" -> 3;
            default -> 4;
        };
    }

    /** " (line L, column C)" from the parser error in the cause chain, when it says where. */
    private static String location(Throwable e) {
        for (Throwable cur = e; cur != null; cur = cur.getCause()) {
            if (cur instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    && j.getLocation().getLineNr() > 0) {
                return " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
            }
        }
        return "";
    }
}
