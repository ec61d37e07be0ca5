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
 * Point the Fabric8 client at it with the {@code kubernetes.master} system property.
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
