package dev.coffer.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Fabric8 CRUD mock API server on 127.0.0.1, standing in for a (remote) Kubernetes cluster:
 * seed it through {@link #admin()}, point the code under test at {@link #url()}, and read back
 * the requests it received (headers included) with {@link #takeRequests()}.
 */
public final class MockApiServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient admin;

    private MockApiServer(boolean https) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), https);
        server.init();
        admin = server.createClient();
    }

    public static MockApiServer http() {
        return new MockApiServer(false);
    }

    /** Served over TLS with a self-signed certificate; {@link #caPem()} is that certificate. */
    public static MockApiServer https() {
        return new MockApiServer(true);
    }

    public String url() {
        return admin.getConfiguration().getMasterUrl();
    }

    /** A client that trusts the server, for seeding and inspecting objects. */
    public NamespacedKubernetesClient admin() {
        return admin;
    }

    /** The PEM certificate an https server presents. */
    public String caPem() {
        try {
            return Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a Secret with string values, labels and annotations in the mock cluster. */
    public Secret createSecret(String namespace, String name, Map<String, String> data,
                               Map<String, String> labels, Map<String, String> annotations) {
        Map<String, String> b64 = new HashMap<>();
        data.forEach((k, v) -> b64.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return admin.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withNamespace(namespace).withName(name).withLabels(labels).withAnnotations(annotations)
                .endMetadata().withData(b64).build()).create();
    }

    public Secret createSecret(String namespace, String name, Map<String, String> data) {
        return createSecret(namespace, name, data, null, null);
    }

    /** Drains the requests received so far, oldest first (the admin client's included). */
    public List<RecordedRequest> takeRequests() {
        List<RecordedRequest> out = new ArrayList<>();
        try {
            RecordedRequest r;
            while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
                out.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    @Override
    public void close() {
        admin.close();
        server.destroy();
    }
}
