package dev.coffer.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs Coffer against an in-process Kubernetes API (the Fabric8 CRUD mock server), so it can
 * be tried on a machine with only a JDK. It applies the CRDs and examples, writes a kubeconfig
 * any client can use, and then runs the very same operator as in a cluster.
 */
@Command(name = "embedded", mixinStandardHelpOptions = true,
        description = "Run the operator against an in-process Kubernetes API, with the examples applied.")
public final class EmbeddedCommand implements Callable<Integer> {

    @Option(names = "--crds", description = "Folder of CRDs to apply first (default: ${DEFAULT-VALUE}).", defaultValue = "crds")
    Path crds;

    /**
     * The example folders that work without a network. The aws, azure, gcp, vault, generators/aws and generators/vault examples need a
     * real AWS account, Google project, Azure vault or Vault server, so the embedded default leaves them out (pass them with -f).
     */
    static final List<String> OFFLINE_EXAMPLES = List.of("fake", "cluster-store", "kubernetes", "sealed-secrets", "generators/password",
            "generators/sshkey", "push-secret", "cluster-external-secret");

    @Option(names = {"-f", "--filename"},
            description = "Manifests to apply (files or folders; default: the examples that need no network).")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--port", description = "Port of the embedded API server (default: a free port).", defaultValue = "0")
    int port;

    @Option(names = "--kubeconfig", description = "Where to write the kubeconfig (default: ${DEFAULT-VALUE}).",
            defaultValue = "target/embedded/kubeconfig")
    Path kubeconfig;

    @Override
    public Integer call() throws IOException {
        List<Path> toApply = new ArrayList<>();
        toApply.add(crds);
        toApply.addAll(manifests.isEmpty() ? offlineExamples() : manifests);
        for (Path p : toApply) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(p + " does not exist (run from the repository root, or pass --crds/-f)");
            }
        }
        // The mock server logs every request at INFO; the operator's own log is what matters here.
        System.setProperty("quarkus.log.category.\"io.fabric8.mockwebserver\".level", "WARN");
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new EmbeddedApiDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        String url = "http://" + server.getHostName() + ":" + server.getPort();
        writeKubeconfig(url);
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.empty()).editOrNewConfig().withMasterUrl(url).withNamespace("default").endConfig().build()) {
            int applied = new ManifestApplier(client).apply(toApply).size();
            System.out.println("coffer: embedded Kubernetes API at " + url + " with " + applied + " objects from " + toApply);
        }
        System.out.println("coffer: kubeconfig written to " + kubeconfig.toAbsolutePath()
                + "  (try: kubectl --kubeconfig " + kubeconfig + " get externalsecrets,secrets -A)");
        // Fabric8's own settings: the operator's client is configured exactly as in a cluster,
        // only pointed at the embedded API (and never at a kubeconfig lying around).
        System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, url);
        System.setProperty(Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, "default");
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        System.setProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
        try {
            Quarkus.run();
        } finally {
            server.destroy();
        }
        return 0;
    }

    private static List<Path> offlineExamples() {
        return OFFLINE_EXAMPLES.stream().map(d -> Path.of("examples", d)).filter(Files::isDirectory).toList();
    }

    private void writeKubeconfig(String url) throws IOException {
        Path parent = kubeconfig.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: coffer-embedded
                  cluster:
                    server: %s
                contexts:
                - name: coffer-embedded
                  context:
                    cluster: coffer-embedded
                    user: coffer-embedded
                    namespace: default
                current-context: coffer-embedded
                users:
                - name: coffer-embedded
                  user:
                    token: embedded
                """.formatted(url));
    }
}
