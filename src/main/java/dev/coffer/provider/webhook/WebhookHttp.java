package dev.coffer.provider.webhook;

import dev.coffer.metrics.EsoMeters;
import dev.coffer.provider.ProviderException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Sends one rendered webhook request with the JDK client. A 404 is NOT_FOUND (upstream's "no such
 * secret"); any other answer outside 2xx, a timeout or a connection failure is a typed error that
 * names the status and the store's URL template, never the rendered URL (it may hold secret
 * values) nor the answer's body.
 */
final class WebhookHttp {

    static final String METRIC = "externalsecret_provider_api_calls_count";

    private final HttpClient http;
    private final Duration timeout;
    private final MeterRegistry meters;

    WebhookHttp(SSLContext tls, Duration timeout, MeterRegistry meters) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        this.timeout = timeout;
        this.meters = meters;
    }

    /**
     * @param urlTemplate the URL as the store writes it, for messages
     * @param subject     what is being read, for messages (a remote key, a generator)
     */
    byte[] send(String method, String url, Map<String, String> headers, String body, String urlTemplate, String subject) {
        HttpRequest request = request(method, url, headers, body, urlTemplate);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            count("error");
            throw ProviderException.unavailable("webhook " + urlTemplate + " did not answer for " + subject + " within "
                    + timeout.toMillis() + " ms", null);
        } catch (IOException e) {
            count("error");
            throw ProviderException.unavailable("cannot call webhook " + urlTemplate + " for " + subject + ": "
                    + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.unavailable("interrupted while calling webhook " + urlTemplate, null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            count("success");
            return response.body();
        }
        count("error");
        String why = "webhook " + urlTemplate + " answered HTTP " + status + " for " + subject;
        throw switch (status) {
            case 404 -> ProviderException.notFound(why + " (no such secret)");
            case 401, 403 -> ProviderException.accessDenied(why);
            case 429 -> ProviderException.throttled(why);
            case 400 -> ProviderException.invalidConfig(why);
            default -> ProviderException.unavailable(why, null);
        };
    }

    private HttpRequest request(String method, String url, Map<String, String> headers, String body, String urlTemplate) {
        URI uri;
        try {
            uri = URI.create(url.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw ProviderException.invalidConfig("webhook url " + urlTemplate + " does not render to an http(s) URL");
        }
        HttpRequest.BodyPublisher publisher = body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        try {
            builder.method(method, publisher);
        } catch (IllegalArgumentException e) {
            throw ProviderException.invalidConfig("webhook method \"" + method + "\" is not a valid HTTP method");
        }
        headers.forEach((name, value) -> {
            try {
                builder.header(name, value);
            } catch (IllegalArgumentException e) {
                throw ProviderException.invalidConfig("webhook header \"" + name + "\" cannot be set (restricted or invalid)");
            }
        });
        return builder.build();
    }

    private void count(String status) {
        EsoMeters.increment(meters, METRIC, "Number of API calls towards the secret provider",
                Tags.of("provider", "Webhook", "call", "WebhookHTTPRequest", "status", status));
    }
}
