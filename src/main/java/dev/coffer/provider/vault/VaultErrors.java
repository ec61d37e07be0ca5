package dev.coffer.provider.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.provider.ProviderException;
import io.github.jopenlibs.vault.VaultException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Turns Vault answers and driver failures into typed, user-safe errors. The driver's exception
 * messages embed Vault's response body, so they are never copied into messages or kept as causes.
 */
final class VaultErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BODY_MARKER = "Response body: ";

    private final String server;

    VaultErrors(String server) {
        this.server = server;
    }

    /** An HTTP status from Vault; {@code what} says what was attempted (e.g. "reading secret/data/app"). */
    ProviderException status(int status, byte[] body, String what) {
        return switch (status) {
            case 400 -> ProviderException.invalidConfig("Vault rejected the request as invalid (HTTP 400) " + what);
            case 401, 403 -> ProviderException.accessDenied("permission denied (HTTP " + status + ") " + what);
            // Not NOT_FOUND: a 404 from a login path or a mount is a wrong configuration, and only
            // VaultKv knows when a 404 means "the remote secret does not exist" (see ProviderException).
            case 404 -> ProviderException.invalidConfig("nothing found in Vault (HTTP 404) " + what);
            case 412 -> ProviderException.unavailable("Vault is not yet consistent for this request (HTTP 412) " + what, null);
            case 429 -> ProviderException.throttled("Vault rate limit reached (HTTP 429) " + what);
            case 503 -> ProviderException.unavailable(isSealed(body)
                    ? "Vault at " + server + " is sealed (HTTP 503) " + what
                    : "Vault at " + server + " is unavailable or in standby (HTTP 503) " + what, null);
            default -> ProviderException.unavailable("Vault at " + server + " answered HTTP " + status + " " + what, null);
        };
    }

    /** A failure thrown by the driver: a 5xx status, or no answer at all (network, TLS). */
    ProviderException exception(VaultException e, String what) {
        if (e.getHttpStatusCode() > 0) {
            return status(e.getHttpStatusCode(), bodyOf(e), what);
        }
        return transport(e, what);
    }

    ProviderException transport(Throwable e, String what) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SSLException || c instanceof CertificateException) {
                return ProviderException.invalidConfig("TLS handshake with Vault at " + server + " failed " + what
                        + ": check caBundle/caProvider against the server certificate, and the client certificate"
                        + " (tls, cert auth)");
            }
            if (c instanceof HttpTimeoutException) {
                return ProviderException.unavailable("Vault at " + server + " did not answer in time " + what, null);
            }
            if (c instanceof ConnectException || c instanceof UnknownHostException) {
                return ProviderException.unavailable("cannot reach Vault at " + server + " " + what
                        + " (" + c.getClass().getSimpleName() + ")", null);
            }
        }
        boolean io = false;
        for (Throwable c = e; c != null; c = c.getCause()) {
            io |= c instanceof IOException;
        }
        return ProviderException.unavailable((io ? "connection to Vault at " + server + " failed " : "Vault request failed ")
                + what, null);
    }

    /** The driver puts the response body after this marker in its message; read, never shown. */
    private static byte[] bodyOf(VaultException e) {
        String msg = e.getMessage();
        int at = msg == null ? -1 : msg.indexOf(BODY_MARKER);
        return at < 0 ? null : msg.substring(at + BODY_MARKER.length()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Vault's sealed answer is {"errors":["Vault is sealed"]}; only that fixed text is looked at. */
    static boolean isSealed(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        try {
            JsonNode errors = MAPPER.readTree(body).path("errors");
            for (JsonNode err : errors) {
                if (err.asText().contains("Vault is sealed")) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
