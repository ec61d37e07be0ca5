package dev.coffer.sealing.kubeseal;

import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.SealingException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;

/** The sealing certificate: read from a file or URL, and refused when expired or not RSA. */
public final class Certificates {

    private Certificates() {
    }

    public static byte[] fetch(String fileOrUrl) throws SealingException {
        try {
            if (fileOrUrl.startsWith("http://") || fileOrUrl.startsWith("https://")) {
                HttpResponse<byte[]> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                        .send(HttpRequest.newBuilder(URI.create(fileOrUrl)).timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new SealingException("cannot fetch certificate " + fileOrUrl + ": HTTP " + response.statusCode());
                }
                return response.body();
            }
            return Files.readAllBytes(Path.of(fileOrUrl));
        } catch (java.net.ConnectException e) {
            throw new SealingException("cannot fetch certificate " + fileOrUrl + ": connection refused");
        } catch (java.net.http.HttpTimeoutException e) {
            throw new SealingException("cannot fetch certificate " + fileOrUrl + ": timed out");
        } catch (IOException e) {
            throw new SealingException(fileOrUrl.startsWith("http://") || fileOrUrl.startsWith("https://")
                    ? "cannot fetch certificate " + fileOrUrl : IoMessages.of("certificate file", fileOrUrl, e));
        } catch (IllegalArgumentException e) {
            throw new SealingException("not a certificate file or URL: " + fileOrUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SealingException("interrupted while fetching certificate " + fileOrUrl);
        }
    }

    /** The RSA public key of a PEM certificate that is valid now. */
    public static RSAPublicKey sealingKey(byte[] pem, String source, Instant now) throws SealingException {
        X509Certificate cert = KeyPem.certificate(pem, source);
        if (cert.getNotAfter().toInstant().isBefore(now)) {
            throw new SealingException(source + ": certificate expired on " + cert.getNotAfter().toInstant());
        }
        if (!(cert.getPublicKey() instanceof RSAPublicKey rsa)) {
            throw new SealingException(source + ": certificate does not hold an RSA public key ("
                    + cert.getPublicKey().getAlgorithm() + ")");
        }
        return rsa;
    }
}
