package dev.coffer.provider.vault;

import dev.coffer.provider.ProviderException;
import io.github.jopenlibs.vault.EnvironmentLoader;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * One store's connection settings: the shared HTTP client (TLS, extra headers) and the driver
 * configuration around it. The driver keeps the token in its config, so each token gets its own
 * light {@link Vault} instance on top of the same HTTP client (connections are pooled once).
 */
final class VaultTransport {

    /** Keeps VAULT_ADDR, VAULT_TOKEN and VAULT_SSL_* of Coffer's own environment out of every store. */
    private static final EnvironmentLoader NO_ENVIRONMENT = new EnvironmentLoader() {
        @Override
        public String loadVariable(String name) {
            return null;
        }
    };
    private static final int READ_TIMEOUT_SECONDS = 30;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final String server;
    private final String namespace;
    private final String authNamespace;
    private final HttpClient http;

    VaultTransport(String server, String namespace, String authNamespace, SSLContext tls,
                   Map<String, String> headers, boolean forwardInconsistent, boolean readYourWrites) {
        this.server = server;
        this.namespace = blankToNull(namespace);
        this.authNamespace = blankToNull(authNamespace) == null ? this.namespace : authNamespace;
        HttpClient.Builder b = HttpClient.newBuilder()
                // As the driver: Vault Agent fails to proxy h2c, so stay on HTTP/1.1.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = new VaultHeadersHttpClient(b.build(), headers == null ? Map.of() : headers,
                forwardInconsistent, readYourWrites);
    }

    String server() {
        return server;
    }

    /** The namespace logins and token calls (renew, lookup, revoke) go to. */
    String authNamespace() {
        return authNamespace;
    }

    /** A driver instance that sends {@code token} (null: none) to the store's namespace. */
    Vault vault(String token) {
        try {
            VaultConfig config = new VaultConfig()
                    .environmentLoader(NO_ENVIRONMENT)
                    .address(server)
                    .token(token)
                    .httpClient(http)
                    .readTimeout(READ_TIMEOUT_SECONDS);
            if (namespace != null) {
                config.nameSpace(namespace);
            }
            // Engine version 1 makes the driver use paths verbatim; VaultPaths builds them as upstream does.
            return Vault.create(config.build(), 1);
        } catch (VaultException e) {
            throw ProviderException.invalidConfig("cannot configure the Vault client for " + server);
        }
    }

    /** A raw request to {@code encodedPath} (below /v1/) that sends {@code token}, for calls the driver does not cover. */
    io.github.jopenlibs.vault.rest.Rest rest(String encodedPath, String token) {
        io.github.jopenlibs.vault.rest.Rest rest = new io.github.jopenlibs.vault.rest.Rest(http)
                .url(server + "/v1/" + encodedPath)
                .header("X-Vault-Request", "true")
                .connectTimeoutSeconds((int) CONNECT_TIMEOUT.toSeconds())
                .readTimeoutSeconds(READ_TIMEOUT_SECONDS);
        if (token != null) {
            rest.header("X-Vault-Token", token);
        }
        if (namespace != null) {
            rest.header("X-Vault-Namespace", namespace);
        }
        return rest;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
