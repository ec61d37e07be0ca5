package dev.coffer.provider.vault;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HTTP client handed to vault-java-driver. The driver's request builders have no hook for
 * extra headers, so this decorator adds them on the way out: the store's custom {@code headers},
 * {@code X-Vault-Inconsistent} for {@code forwardInconsistent}, and, for {@code readYourWrites},
 * the last {@code X-Vault-Index} that Vault returned to this client.
 */
final class VaultHeadersHttpClient extends HttpClient {

    static final String INDEX_HEADER = "X-Vault-Index";
    static final String INCONSISTENT_HEADER = "X-Vault-Inconsistent";

    private final HttpClient delegate;
    private final Map<String, String> headers;
    private final boolean forwardInconsistent;
    private final boolean readYourWrites;
    /** The newest replication state seen; Vault Enterprise makes reads wait until they reach it. */
    private final AtomicReference<String> lastIndex = new AtomicReference<>();

    VaultHeadersHttpClient(HttpClient delegate, Map<String, String> headers, boolean forwardInconsistent,
                           boolean readYourWrites) {
        this.delegate = delegate;
        this.headers = Map.copyOf(headers);
        this.forwardInconsistent = forwardInconsistent;
        this.readYourWrites = readYourWrites;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return record(delegate.send(decorate(request), handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(decorate(request), handler).thenApply(this::record);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(decorate(request), handler, push).thenApply(this::record);
    }

    private HttpRequest decorate(HttpRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request, (name, value) -> true);
        // The driver's own headers (token, namespace) win over a custom header of the same name.
        headers.forEach((name, value) -> {
            if (request.headers().firstValue(name).isEmpty()) {
                b.header(name, value);
            }
        });
        if (forwardInconsistent) {
            b.setHeader(INCONSISTENT_HEADER, "forward-active-node");
        }
        String index = lastIndex.get();
        if (readYourWrites && index != null) {
            b.setHeader(INDEX_HEADER, index);
        }
        return b.build();
    }

    private <T> HttpResponse<T> record(HttpResponse<T> response) {
        if (readYourWrites) {
            response.headers().firstValue(INDEX_HEADER).ifPresent(lastIndex::set);
        }
        return response;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
