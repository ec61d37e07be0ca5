package dev.coffer.inject.webhook;

import dev.coffer.testsupport.MutableClock;
import dev.coffer.inject.AdmissionResponder;
import dev.coffer.inject.AgentSettings;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The certificate Secret and the caBundle, kept against a (mock) API server with a moving clock. */
class CertificateKeeperTest {

    static final String NS = "coffer-system";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final WebhookCertificates certs = new WebhookCertificates(List.of("coffer-webhook.coffer-system.svc"),
            Duration.ofDays(365), Duration.ofDays(3650), Duration.ofDays(30));
    final MutableClock clock = new MutableClock();

    /** Moves the clock to {@code sinceT0} after T0. */
    void at(Duration sinceT0) {
        clock.advance(Duration.between(clock.instant(), T0.plus(sinceT0)));
    }
    final AtomicBoolean leading = new AtomicBoolean(true);
    MockApiServer api;
    WebhookServer server;

    @BeforeEach
    void setUp() throws Exception {
        api = MockApiServer.http();
        server = new WebhookServer(new AdmissionResponder(new AgentSettings("i", "v"), Set.of(NS), true), "127.0.0.1", 0);
        api.admin().admissionRegistration().v1().mutatingWebhookConfigurations().resource(
                new MutatingWebhookConfigurationBuilder().withNewMetadata().withName("coffer-inject").endMetadata()
                        .addNewWebhook().withName("pods.inject.coffer.dev").withNewClientConfig().withNewService()
                        .withNamespace(NS).withName("coffer-webhook").withPath("/mutate-pods").endService()
                        .endClientConfig().endWebhook().build()).create();
    }

    @AfterEach
    void tearDown() {
        server.close();
        api.close();
    }

    CertificateKeeper keeper(Optional<WebhookCertificates> managed) {
        return new CertificateKeeper(api.admin(), NS, "coffer-webhook-cert", managed,
                new CaBundlePatcher(api.admin(), "coffer-inject"), leading::get, clock, server);
    }

    Secret secret() {
        return api.admin().secrets().inNamespace(NS).withName("coffer-webhook-cert").get();
    }

    String caBundle() {
        return api.admin().admissionRegistration().v1().mutatingWebhookConfigurations().withName("coffer-inject").get()
                .getWebhooks().get(0).getClientConfig().getCaBundle();
    }

    @Test
    void theLeaderMakesTheSecretPatchesTheCaBundleAndServesTheKey() throws Exception {
        CertificateKeeper keeper = keeper(Optional.of(certs));
        keeper.sync();
        Secret s = secret();
        assertThat(s.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(s.getData()).containsOnlyKeys("ca.crt", "ca.key", "tls.crt", "tls.key");
        assertThat(caBundle()).isEqualTo(s.getData().get("ca.crt"));
        assertThat(keeper.serving()).isEqualTo(CertificateSecret.served(s).orElseThrow().certificate());

        String version = s.getMetadata().getResourceVersion();
        keeper.sync();
        assertThat(secret().getMetadata().getResourceVersion()).as("nothing due: no write").isEqualTo(version);
    }

    @Test
    void theServingCertificateIsRotatedBeforeExpiryAndServed() throws Exception {
        CertificateKeeper keeper = keeper(Optional.of(certs));
        keeper.sync();
        var first = keeper.serving();
        String bundle = caBundle();
        at(Duration.ofDays(340));
        keeper.sync();
        assertThat(keeper.serving()).isNotEqualTo(first);
        assertThat(keeper.serving().getNotAfter().toInstant()).isAfter(clock.instant().plus(Duration.ofDays(300)));
        assertThat(caBundle()).as("same CA, same bundle").isEqualTo(bundle);
    }

    @Test
    void aStandbyOnlyServesWhatTheLeaderWrote() throws Exception {
        leading.set(false);
        CertificateKeeper standby = keeper(Optional.of(certs));
        standby.sync();
        assertThat(secret()).isNull();
        assertThat(standby.serving()).isNull();
        assertThat(caBundle()).isNull();

        leading.set(true);
        keeper(Optional.of(certs)).sync();
        leading.set(false);
        standby.sync();
        assertThat(standby.serving()).isEqualTo(CertificateSecret.served(secret()).orElseThrow().certificate());
    }

    @Test
    void withCertManagerCofferOnlyReadsTheSecret() throws Exception {
        var made = certs.renew(Optional.empty(), T0, new java.security.SecureRandom());
        var data = CertificateSecret.data(made);
        data.remove("ca.key");
        api.admin().secrets().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("coffer-webhook-cert").withNamespace(NS).endMetadata()
                .withType("kubernetes.io/tls").withData(data).build()).create();
        String version = secret().getMetadata().getResourceVersion();
        CertificateKeeper keeper = keeper(Optional.empty());
        at(Duration.ofDays(364));
        keeper.sync();
        assertThat(keeper.serving()).isEqualTo(made.serving());
        assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(caBundle()).isNull();
    }

    @Test
    void anUnreadableSecretIsMadeAnew() throws Exception {
        api.createSecret(NS, "coffer-webhook-cert", java.util.Map.of("tls.crt", "garbage", "tls.key", "garbage"));
        keeper(Optional.of(certs)).sync();
        assertThat(new String(Base64.getDecoder().decode(secret().getData().get("tls.crt")), StandardCharsets.UTF_8))
                .startsWith("-----BEGIN CERTIFICATE-----");
    }
}
