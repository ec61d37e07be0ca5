package dev.coffer.inject.webhook;

import dev.coffer.inject.webhook.WebhookCertificates.Bundle;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Keeps the webhook's certificate: one {@link #sync} pass, run at start and then periodically.
 * The leader makes or renews the Secret when due and patches the CA bundle into the
 * MutatingWebhookConfiguration; every replica serves the key the Secret holds. With cert-manager
 * ({@code certificates} empty) Coffer only reads the Secret: cert-manager renews it and its CA
 * injector patches the bundle.
 */
public final class CertificateKeeper {

    private static final Logger LOG = Logger.getLogger(CertificateKeeper.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String secretName;
    private final Optional<WebhookCertificates> certificates;
    private final CaBundlePatcher caBundle;
    private final BooleanSupplier leading;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final WebhookServer server;
    private volatile X509Certificate serving;
    private volatile String caPem = "";

    public CertificateKeeper(KubernetesClient client, String namespace, String secretName,
                             Optional<WebhookCertificates> certificates, CaBundlePatcher caBundle,
                             BooleanSupplier leading, Clock clock, WebhookServer server) {
        this.client = client;
        this.namespace = namespace;
        this.secretName = secretName;
        this.certificates = certificates;
        this.caBundle = caBundle;
        this.leading = leading;
        this.clock = clock;
        this.server = server;
    }

    /** One pass; a failure (API down, a write conflict with another replica) is retried by the next. */
    public void sync() throws IOException {
        var resource = client.secrets().inNamespace(namespace).withName(secretName);
        Secret secret = resource.get();
        if (certificates.isPresent() && leading.getAsBoolean()) {
            Optional<Bundle> current = CertificateSecret.bundle(secret);
            Bundle wanted = certificates.get().renew(current, clock.instant(), random);
            if (current.isEmpty() || wanted != current.get()) {
                secret = secret == null
                        ? client.secrets().inNamespace(namespace).resource(CertificateSecret.create(namespace, secretName, wanted)).create()
                        : client.secrets().inNamespace(namespace).resource(new SecretBuilder(secret)
                                .withType(secret.getType()).withData(CertificateSecret.data(wanted)).build()).update();
                LOG.infof("injection webhook certificate %s, valid until %s", current.isEmpty() ? "made" : "renewed",
                        wanted.serving().getNotAfter().toInstant());
            }
            String pem = CertificateSecret.pem(wanted.caChain().toArray());
            if (caBundle.patch(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8)))) {
                LOG.infof("injection webhook CA bundle patched into the MutatingWebhookConfiguration");
            }
        }
        Optional<CertificateSecret.Served> served = CertificateSecret.served(secret);
        if (served.isEmpty()) {
            LOG.debugf("injection webhook: Secret %s/%s has no certificate yet", namespace, secretName);
            return;
        }
        if (!served.get().caChain().isEmpty()) {
            caPem = CertificateSecret.pem(served.get().caChain().toArray());
        }
        if (!served.get().certificate().equals(serving)) {
            server.useKey(served.get().key(), served.get().certificate());
            serving = served.get().certificate();
        }
    }

    /**
     * The PEM of the CAs that sign the served certificate ({@code ca.crt}), for clients that are
     * not the API server (store injection's agents); empty before the first key.
     */
    public String caBundle() {
        return caPem;
    }

    /** The certificate served now, or null before the first key. */
    public X509Certificate serving() {
        return serving;
    }
}
