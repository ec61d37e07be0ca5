package dev.coffer.cli;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.CreationPolicy;
import dev.coffer.provider.ProviderRegistry;
import dev.coffer.store.ClientCache;
import dev.coffer.store.StoreAccess;
import dev.coffer.sync.Policies;
import dev.coffer.sync.SecretWritePlan;
import dev.coffer.sync.SyncEngine;
import dev.coffer.sync.Templaters;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Prints the Secrets the operator would write for the ExternalSecrets in the given files,
 * through the same fetch and shape code the reconciler runs. Providers are called for real, as
 * the stores configure them; the files stand in for the cluster.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print the Secret(s) Coffer would write for the ExternalSecrets in the given files.")
public final class RenderCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, required = true, description = "Manifest files or folders (YAML or JSON, multi-document).")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--output"}, defaultValue = "yaml", description = "yaml or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default",
            description = "Namespace for objects that name none (default: ${DEFAULT-VALUE}).")
    String namespace;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!output.equals("yaml") && !output.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o must be yaml or json, not " + output);
        }
        KubernetesSerialization serialization = new KubernetesSerialization();
        ManifestApplier.registerKinds(serialization);
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
        spec.commandLine().getOut().print(print(serialization, rendered));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private java.util.Optional<Secret> renderOne(ExternalSecret es, FileObjects cluster, ClientCache clients, SyncEngine engine) {
        String ns = es.getMetadata().getNamespace();
        StoreAccess stores = new StoreAccess(ns, cluster, ProviderRegistry.standard(), clients, cluster, false);
        Map<String, byte[]> data;
        try {
            data = engine.fetch(es, stores);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("ExternalSecret " + ns + "/" + es.getMetadata().getName() + ": "
                    + dev.coffer.sync.SyncFailure.of(e).message(), null);
        }
        Secret live = cluster.secret(ns, Policies.targetName(es)).orElse(null);
        SecretWritePlan plan = engine.plan(es, data, live, cluster);
        if (Policies.creation(es.getSpec()) == CreationPolicy.None) {
            return java.util.Optional.empty();
        }
        Secret secret = plan.secret();
        secret.getMetadata().setResourceVersion(null);
        return java.util.Optional.of(secret);
    }

    private String print(KubernetesSerialization serialization, List<Secret> secrets) {
        if (output.equals("json")) {
            return serialization.asJson(secrets.size() == 1 ? secrets.get(0) : secrets) + System.lineSeparator();
        }
        StringBuilder out = new StringBuilder();
        for (Secret s : secrets) {
            out.append(serialization.asYaml(s));
        }
        return out.toString();
    }
}
