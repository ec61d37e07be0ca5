package dev.coffer.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Stands in for the API server's service proxy: requests under
 * {@code /api/v1/namespaces/<ns>/services/http:<name>:http/proxy/} are forwarded to a local HTTP
 * base (the Quarkus test app), so the CLI's controller calls run end to end without a cluster.
 * Point the Fabric8 client at it with the {@code kubernetes.master} system property, or
 * kubeseal at it with a kubeconfig; {@code GET} of the Service itself answers with one port named {@code http}.
 */
public final class ServiceProxyStub implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    public ServiceProxyStub(String namespace, String service, URI target) throws IOException {
        String prefix = "/api/v1/namespaces/" + namespace + "/services/http:" + service + ":http/proxy/";
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(prefix, exchange -> {
            try (exchange) {
                String rest = exchange.getRequestURI().getPath().substring(prefix.length());
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(rest))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // kubeseal (client-go) first reads the Service for its port name, then calls the proxy.
        byte[] serviceJson = ("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + service
                + "\",\"namespace\":\"" + namespace + "\"},\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":8080}]}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server.createContext("/api/v1/namespaces/" + namespace + "/services/" + service, exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, serviceJson.length);
                exchange.getResponseBody().write(serviceJson);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
