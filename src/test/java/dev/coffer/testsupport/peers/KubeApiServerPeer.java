package dev.coffer.testsupport.peers;

import dev.coffer.testsupport.vault.VaultTestPki;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real etcd and kube-apiserver (built by {@code peers/build etcd kube-apiserver}) on loopback
 * and free ports, started once per JVM by {@link #shared()} and stopped by a shutdown hook.
 *
 * <p>The API server runs with {@code --authorization-mode=RBAC}, a throw-away CA for its serving
 * certificate and client certificates, and a service-account signing key, so TokenRequest and
 * TokenReview work. There is no controller manager: no garbage collector (owner references do
 * not cascade), no namespace finalization, no default ServiceAccount per namespace. Tests create
 * what they need.
 */
public final class KubeApiServerPeer {

    /** The audience of the tokens the API server issues and accepts by default. */
    public static final String AUDIENCE = "https://kubernetes.default.svc.cluster.local";

    private static KubeApiServerPeer shared;

    private final Path dir;
    private final PeerProcess etcd;
    private final PeerProcess apiServer;
    private final String url;
    private final VaultTestPki pki;
    private final Path adminKubeconfig;
    private final KubernetesClient adminClient;

    private KubeApiServerPeer(Path dir, PeerProcess etcd, PeerProcess apiServer, String url, VaultTestPki pki,
                              VaultTestPki.Issued admin) {
        this.dir = dir;
        this.etcd = etcd;
        this.apiServer = apiServer;
        this.url = url;
        this.pki = pki;
        this.adminKubeconfig = dir.resolve("admin.kubeconfig");
        write(adminKubeconfig, kubeconfig("user:\n    client-certificate-data: " + b64(admin.certPem())
                + "\n    client-key-data: " + b64(admin.keyPem())));
        this.adminClient = client(adminKubeconfig);
    }

    /**
     * The API server of this JVM, started on first use; skips the calling test (one line naming
     * the missing binary and {@code peers/build}) when etcd or kube-apiserver is not built.
     */
    public static synchronized KubeApiServerPeer shared() {
        Path etcdBin = PeerBinaries.require("etcd", "etcd");
        Path apiBin = PeerBinaries.require("kube-apiserver", "kube-apiserver");
        if (shared == null) {
            shared = start(etcdBin, apiBin);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "stop-kube-apiserver-peer"));
        }
        return shared;
    }

    private static KubeApiServerPeer start(Path etcdBin, Path apiBin) {
        Path dir;
        try {
            dir = Files.createTempDirectory("coffer-kube-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        PeerProcess etcd = null;
        PeerProcess api = null;
        try {
            int client = PeerProcess.freePort();
            int peer = PeerProcess.freePort();
            String clientUrl = "http://127.0.0.1:" + client;
            String peerUrl = "http://127.0.0.1:" + peer;
            etcd = PeerProcess.start("etcd", List.of(etcdBin.toString(), "--name", "coffer",
                    "--data-dir", dir.resolve("etcd-data").toString(),
                    "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                    "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                    "--initial-cluster", "coffer=" + peerUrl,
                    // a test cluster: losing it on a crash costs nothing, fsync costs seconds on a busy disk
                    "--unsafe-no-fsync", "--log-level", "warn"), dir, Map.of());
            awaitHttp(etcd, clientUrl + "/health", Duration.ofSeconds(60));

            VaultTestPki pki = new VaultTestPki("coffer-kube-ca");
            VaultTestPki.Issued serving = pki.server();
            // O= in the subject is the group: system:masters is bound to cluster-admin by the bootstrap policy.
            VaultTestPki.Issued admin = pki.client("coffer-test-admin,O=system:masters", "RSA");
            KeyPair sa = rsa();
            write(dir.resolve("ca.crt"), pki.ca().certPem());
            write(dir.resolve("serving.crt"), serving.certPem());
            write(dir.resolve("serving.key"), serving.keyPem());
            write(dir.resolve("sa.key"), pem(sa.getPrivate()));
            write(dir.resolve("sa.pub"), pem(sa.getPublic()));

            int port = PeerProcess.freePort();
            String url = "https://127.0.0.1:" + port;
            api = PeerProcess.start("kube-apiserver", List.of(apiBin.toString(),
                    "--etcd-servers", clientUrl,
                    "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
                    "--secure-port", String.valueOf(port),
                    "--cert-dir", dir.resolve("certs").toString(),
                    "--tls-cert-file", dir.resolve("serving.crt").toString(),
                    "--tls-private-key-file", dir.resolve("serving.key").toString(),
                    "--client-ca-file", dir.resolve("ca.crt").toString(),
                    "--authorization-mode", "Node,RBAC",
                    "--service-account-issuer", AUDIENCE,
                    "--service-account-key-file", dir.resolve("sa.pub").toString(),
                    "--service-account-signing-key-file", dir.resolve("sa.key").toString(),
                    "--api-audiences", AUDIENCE,
                    "--service-cluster-ip-range", "10.96.0.0/24",
                    // a single, short-lived server: no endpoint lease, no profiling, no flow control
                    "--endpoint-reconciler-type", "none",
                    "--enable-priority-and-fairness=false",
                    "--profiling=false",
                    "--v", "1"), dir, Map.of());
            KubeApiServerPeer started = new KubeApiServerPeer(dir, etcd, api, url, pki, admin);
            started.awaitReady(Duration.ofSeconds(180));
            System.err.printf("peers: etcd %s and kube-apiserver %s ready at %s in %d s (%s)%n",
                    PeerBinaries.version("etcd"), PeerBinaries.version("kube-apiserver"), url,
                    Duration.ofNanos(System.nanoTime() - t0).toSeconds(), dir);
            return started;
        } catch (RuntimeException | Error e) {
            if (api != null) {
                api.stop(Duration.ofSeconds(5));
            }
            if (etcd != null) {
                etcd.stop(Duration.ofSeconds(5));
            }
            throw e;
        }
    }

    /** Waits for /readyz as the admin: the bootstrap RBAC policy and the CRD machinery are up then. */
    private void awaitReady(Duration timeout) {
        awaitUp(apiServer, timeout, () -> {
            etcd.assertAlive();
            return "ok".equals(adminClient.raw(url + "/readyz"));
        });
    }

    private static void awaitHttp(PeerProcess process, String url, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        awaitUp(process, timeout, () -> http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    /** Polls {@code up} (errors count as not yet) until true; fails at once, with the log's tail, if the process exits. */
    private static void awaitUp(PeerProcess process, Duration timeout, java.util.concurrent.Callable<Boolean> up) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> {
                process.assertAlive();
                try {
                    return up.call();
                } catch (IllegalStateException exited) {
                    throw exited;
                } catch (Exception notYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(process + " not up within " + timeout.toSeconds() + " s; last lines of "
                    + process.log() + ":\n" + process.tail(30));
        }
    }

    /** The API server's URL ({@code https://127.0.0.1:PORT}). */
    public String url() {
        return url;
    }

    /** PEM of the CA that signed the serving certificate (and the client certificates). */
    public String caPem() {
        return pki.ca().certPem();
    }

    /** A kubeconfig with the admin's client certificate (group system:masters). */
    public Path adminKubeconfig() {
        return adminKubeconfig;
    }

    /** A client with the admin's credentials; shared, do not close. */
    public KubernetesClient admin() {
        return adminClient;
    }

    /** A new client from a kubeconfig file (the caller closes it). */
    public static KubernetesClient client(Path kubeconfig) {
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the namespace unless it exists. */
    public void ensureNamespace(String name) {
        if (adminClient.namespaces().withName(name).get() == null) {
            adminClient.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }
    }

    /** Creates the ServiceAccount (and its namespace) unless it exists. */
    public void ensureServiceAccount(String namespace, String name) {
        ensureNamespace(namespace);
        if (adminClient.serviceAccounts().inNamespace(namespace).withName(name).get() == null) {
            adminClient.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                    .withName(name).withNamespace(namespace).endMetadata().build()).create();
        }
    }

    /** A token for the ServiceAccount (TokenRequest as the admin), for the API server's audience. */
    public String serviceAccountToken(String namespace, String name, Duration lifetime) {
        return serviceAccountToken(namespace, name, lifetime, AUDIENCE);
    }

    public String serviceAccountToken(String namespace, String name, Duration lifetime, String audience) {
        ensureServiceAccount(namespace, name);
        return adminClient.serviceAccounts().inNamespace(namespace).withName(name)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withAudiences(audience)
                        .withExpirationSeconds(lifetime.toSeconds()).endSpec().build())
                .getStatus().getToken();
    }

    /** Writes a kubeconfig that authenticates with a bearer token (for example a ServiceAccount's). */
    public Path tokenKubeconfig(Path file, String token) {
        write(file, kubeconfig("user:\n    token: " + token));
        return file;
    }

    private String kubeconfig(String user) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: peer
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                contexts:
                - name: peer
                  context:
                    cluster: peer
                    user: peer
                    namespace: default
                current-context: peer
                users:
                - name: peer
                  %s
                """.formatted(url, b64(pki.ca().certPem()), user);
    }

    /** Stops kube-apiserver, then etcd, and removes their folder. */
    public synchronized void stop() {
        adminClient.close();
        apiServer.stop(Duration.ofSeconds(10));
        etcd.stop(Duration.ofSeconds(10));
        PeerProcess.deleteTree(dir);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return gen.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
