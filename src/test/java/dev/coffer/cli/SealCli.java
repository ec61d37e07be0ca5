package dev.coffer.cli;

import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.SealingKey;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code coffer seal} in-process as a user would: arguments, stdin, an environment; collects exit code and output. */
final class SealCli {

    record Run(int code, String out, String err) {
        /** The one line printed on failure. */
        String errorLine() {
            List<String> lines = err.strip().lines().toList();
            if (lines.size() != 1) {
                throw new AssertionError("expected one error line, got: " + err);
            }
            return lines.get(0);
        }
    }

    private final Path dir;
    private Map<String, String> environment = Map.of();

    SealCli(Path dir) {
        this.dir = dir;
    }

    SealCli withEnvironment(Map<String, String> environment) {
        this.environment = environment;
        return this;
    }

    Run run(String stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        // Hermetic: never the developer's ~/.kube/config or $KUBECONFIG; tests name a kubeconfig when they need one.
        String tryKubeconfig = System.setProperty(io.fabric8.kubernetes.client.Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
        try {
            CommandLine cl = Commands.commandLine(environment);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            List<String> all = new ArrayList<>(List.of("seal"));
            all.addAll(List.of(args));
            int code = cl.execute(all.toArray(String[]::new));
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(original);
            if (tryKubeconfig == null) {
                System.clearProperty(io.fabric8.kubernetes.client.Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY);
            } else {
                System.setProperty(io.fabric8.kubernetes.client.Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, tryKubeconfig);
            }
        }
    }

    Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    String cert(SealingKey key) throws Exception {
        return write("cert-" + key.fingerprint().hashCode() + ".pem", KeyPem.encode(key.certificate())).toString();
    }

    String privateKey(SealingKey key) throws Exception {
        return write("key-" + key.fingerprint().hashCode() + ".pem", KeyPem.encode(key.privateKey())).toString();
    }

    /** A kubeconfig whose current context has the given namespace (null: none). */
    String kubeconfig(String contextNamespace) throws Exception {
        return write("kubeconfig-" + contextNamespace, """
                apiVersion: v1
                kind: Config
                current-context: dev
                clusters:
                - name: c
                  cluster: {server: "http://127.0.0.1:1"}
                contexts:
                - name: dev
                  context: {cluster: c, user: u%s}
                - name: other
                  context: {cluster: c, user: u, namespace: from-other-context}
                users:
                - name: u
                  user: {token: t}
                """.formatted(contextNamespace == null ? "" : ", namespace: " + contextNamespace)).toString();
    }
}
