package dev.coffer.inject.webhook;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Making and renewing the webhook's CA and serving certificate at given instants. */
class WebhookCertificatesTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final SecureRandom RANDOM = new SecureRandom();
    final WebhookCertificates certs = new WebhookCertificates(List.of("coffer-webhook.coffer-system.svc", "127.0.0.1"),
            Duration.ofDays(365), Duration.ofDays(3650), Duration.ofDays(30));

    @Test
    void aFreshBundleHasACaSigningAServingCertificateForTheNames() throws Exception {
        var b = certs.renew(Optional.empty(), T0, RANDOM);
        assertThat(b.caChain()).hasSize(1);
        b.serving().verify(b.caChain().get(0).getPublicKey());
        assertThat(b.serving().getSubjectAlternativeNames()).extracting(l -> (Object) l.get(1))
                .containsExactlyInAnyOrder("coffer-webhook.coffer-system.svc", "127.0.0.1");
        assertThat(b.serving().getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(365)));
        assertThat(b.caChain().get(0).getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(b.serving().getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void nothingChangesUntilTheRenewalWindow() {
        var b = certs.renew(Optional.empty(), T0, RANDOM);
        assertThat(certs.renew(Optional.of(b), T0.plus(Duration.ofDays(334)), RANDOM)).isSameAs(b);
    }

    @Test
    void theServingCertificateIsRenewedBeforeExpiryUnderTheSameCa() throws Exception {
        var b = certs.renew(Optional.empty(), T0, RANDOM);
        Instant later = T0.plus(Duration.ofDays(336));
        var renewed = certs.renew(Optional.of(b), later, RANDOM);
        assertThat(renewed.serving()).isNotEqualTo(b.serving());
        assertThat(renewed.caChain()).isEqualTo(b.caChain());
        renewed.serving().verify(b.caChain().get(0).getPublicKey());
        assertThat(renewed.serving().getNotAfter().toInstant()).isEqualTo(later.plus(Duration.ofDays(365)));
    }

    @Test
    void aRenewedCaKeepsTheOldOneInTheBundleUntilItExpires() throws Exception {
        var b = certs.renew(Optional.empty(), T0, RANDOM);
        var renewed = certs.renew(Optional.of(b), T0.plus(Duration.ofDays(3630)), RANDOM);
        assertThat(renewed.caChain()).hasSize(2);
        assertThat(renewed.caChain().get(1)).isEqualTo(b.caChain().get(0));
        renewed.serving().verify(renewed.caChain().get(0).getPublicKey());
        var afterExpiry = certs.renew(Optional.of(renewed), T0.plus(Duration.ofDays(3651 + 340)), RANDOM);
        assertThat(afterExpiry.caChain()).containsExactly(renewed.caChain().get(0));
    }

    @Test
    void changedNamesGiveANewServingCertificate() {
        var b = certs.renew(Optional.empty(), T0, RANDOM);
        var other = new WebhookCertificates(List.of("coffer-webhook.other.svc"), Duration.ofDays(365),
                Duration.ofDays(3650), Duration.ofDays(30));
        assertThat(other.renew(Optional.of(b), T0, RANDOM).serving()).isNotEqualTo(b.serving());
    }

    @Test
    void inconsistentDurationsAreRefused() {
        assertThatThrownBy(() -> new WebhookCertificates(List.of("x"), Duration.ofDays(30), Duration.ofDays(3650),
                Duration.ofDays(30))).hasMessageContaining("renew-before < validity");
    }
}
