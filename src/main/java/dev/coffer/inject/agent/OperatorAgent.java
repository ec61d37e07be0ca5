package dev.coffer.inject.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.inject.InjectedFile;
import dev.coffer.inject.agent.SecretsAgent.AgentException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent of a {@code coffer.dev/inject} pod: it holds no provider credentials and talks to no
 * backend. It asks the operator's render endpoint over TLS (trusting only the webhook's CA),
 * presenting the pod's projected token, read anew on each call since the kubelet rotates it, and
 * writes the files it gets. All files or none: a failed call leaves every file as it was.
 */
public final class OperatorAgent implements RenderingAgent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI url;
    private final HttpClient http;
    private final Path tokenFile;
    private final SecretFiles files;
    private final Clock clock;
    private final Duration pollInterval;
    /** A failed call is tried again this soon (or at the poll interval, if shorter), not at every tick. */
    static final Duration RETRY = Duration.ofSeconds(30);
    private Instant next = Instant.MIN;

    public OperatorAgent(URI url, String caPem, Path tokenFile, SecretFiles files, Clock clock, Duration pollInterval)
            throws AgentException {
        if (!"https".equals(url.getScheme())) {
            throw new AgentException("the operator's render URL must be https, not " + url.getScheme());
        }
        this.url = url;
        this.http = HttpClient.newBuilder().sslContext(trusting(caPem)).connectTimeout(Duration.ofSeconds(10)).build();
        this.tokenFile = tokenFile;
        this.files = files;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    @Override
    public List<String> renderAll() throws AgentException {
        Instant now = clock.instant();
        next = now.plus(pollInterval.compareTo(RETRY) < 0 ? pollInterval : RETRY);
        Map<InjectedFile, byte[]> served = fetch();
        next = now.plus(pollInterval);
        List<String> written = new ArrayList<>();
        for (Map.Entry<InjectedFile, byte[]> e : served.entrySet()) {
            files.writeFor(e.getKey(), e.getValue(), written);
        }
        return written;
    }

    /** Asks again once the poll interval has passed since the last answer (30s after a failure). */
    @Override
    public List<String> tick() throws AgentException {
        return clock.instant().isBefore(next) ? List.of() : renderAll();
    }

    private Map<InjectedFile, byte[]> fetch() throws AgentException {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new AgentException("cannot read the pod's token " + tokenFile + ": " + e.getClass().getSimpleName());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AgentException("cannot reach the operator at " + url + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AgentException("the operator answered HTTP " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() != 200) {
            throw new AgentException("the operator refused (HTTP " + response.statusCode() + "): "
                    + body.path("error").asText("no reason given").lines().findFirst().orElse(""));
        }
        Map<InjectedFile, byte[]> out = new LinkedHashMap<>();
        for (JsonNode f : body.path("files")) {
            String perms = f.hasNonNull("perms") ? f.path("perms").asText() : null;
            out.put(new InjectedFile(f.path("name").asText(), "", null, f.path("fileName").asText(), perms),
                    Base64.getDecoder().decode(f.path("content").asText()));
        }
        return out;
    }

    private static SSLContext trusting(String caPem) throws AgentException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(caPem == null ? new byte[0] : caPem.getBytes(StandardCharsets.US_ASCII)))) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new AgentException("no CA certificate for the operator (COFFER_INJECT_CA is empty)");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException | IOException e) {
            throw new AgentException("the operator's CA is not a PEM certificate: " + e.getClass().getSimpleName());
        }
    }
}
