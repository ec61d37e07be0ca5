package dev.coffer.inject.render;

import dev.coffer.inject.agent.OperatorAgent;
import dev.coffer.inject.agent.SecretFiles;
import dev.coffer.inject.agent.SecretsAgent.AgentException;
import dev.coffer.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static dev.coffer.inject.render.RenderFixture.CANARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent of a {@code coffer.dev/inject} pod against the real render endpoint: it writes what it is served, and keeps its files on failure. */
class OperatorAgentEndpointTest {

    @TempDir
    Path tmp;
    RenderFixture f;
    Path volume;
    Path token;
    MutableClock clock;

    @BeforeEach
    void start() throws Exception {
        f = new RenderFixture(tmp.resolve("audit.jsonl"));
        f.secretStore("apps", "fake", "- {key: db, value: '{\"password\": \"" + CANARY + "\"}'}");
        volume = Files.createDirectory(tmp.resolve("secrets"));
        token = tmp.resolve("token");
        Files.writeString(token, "token-web\n");
        clock = new MutableClock();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    OperatorAgent agent(String ca) throws AgentException {
        return new OperatorAgent(URI.create(f.url()), ca, token, new SecretFiles(volume), clock, Duration.ofMinutes(5));
    }

    @Test
    void rendersThenPollsAndKeepsItsFilesWhenTheOperatorRefuses() throws Exception {
        f.pod("apps", "web", "default", Map.of("coffer.dev/inject", "true", "coffer.dev/inject-secret-db", "fake/db",
                "coffer.dev/inject-template-db", "pw={{ .password }}", "coffer.dev/inject-perms-db", "0400"), "token-web");
        OperatorAgent agent = agent(f.caPem());
        assertThat(agent.renderAll()).containsExactly("db");
        assertThat(Files.readString(volume.resolve("db"))).isEqualTo("pw=" + CANARY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(volume.resolve("db")))).isEqualTo("r--------");

        // nothing asked before the poll interval; at it, unchanged content writes nothing
        clock.advance(Duration.ofMinutes(4));
        assertThat(agent.tick()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(agent.tick()).isEmpty();

        // the pod's token is refused now (rotated away, say): the file stays as it was
        Files.writeString(token, "expired");
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(agent::tick).isInstanceOf(AgentException.class)
                .hasMessage("the operator refused (HTTP 401): a bound service-account token for audience of Coffer's injection is required");
        assertThat(Files.readString(volume.resolve("db"))).isEqualTo("pw=" + CANARY);
        // a failure is retried after 30 seconds, not at every tick
        clock.advance(Duration.ofSeconds(10));
        assertThat(agent.tick()).isEmpty();
    }

    @Test
    void theAgentTrustsOnlyTheWebhooksCa() throws Exception {
        f.pod("apps", "web", "default", Map.of("coffer.dev/inject", "true", "coffer.dev/inject-secret-db", "fake/db"), "token-web");
        var other = RenderFixture.CERTS.renew(java.util.Optional.empty(), java.time.Instant.now(), new java.security.SecureRandom());
        OperatorAgent agent = agent(dev.coffer.inject.webhook.CertificateSecret.pem(other.caChain().toArray()));
        assertThatThrownBy(agent::renderAll).isInstanceOf(AgentException.class)
                .hasMessageStartingWith("cannot reach the operator at " + f.url() + ": SSLHandshakeException");
        assertThat(volume).isEmptyDirectory();
        assertThatThrownBy(() -> agent("")).hasMessage("no CA certificate for the operator (COFFER_INJECT_CA is empty)");
        assertThatThrownBy(() -> new OperatorAgent(URI.create("http://127.0.0.1/x"), f.caPem(), token, new SecretFiles(volume), clock,
                Duration.ofMinutes(5))).hasMessage("the operator's render URL must be https, not http");
    }
}
