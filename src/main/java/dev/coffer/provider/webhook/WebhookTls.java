package dev.coffer.provider.webhook;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.providers.CAProvider;
import dev.coffer.api.externalsecrets.v1.providers.CAProviderType;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The CAs a webhook trusts: {@code caBundle} (base64 PEM) or {@code caProvider}, else the JVM's defaults. */
final class WebhookTls {

    private WebhookTls() {
    }

    /** An SSL context trusting only the configured CAs, or null for the JVM defaults. */
    static SSLContext context(StoreContext store, String caBundle, CAProvider caProvider, String field) {
        String pem = pem(store, caBundle, caProvider, field);
        if (pem == null) {
            return null;
        }
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
            if (certs.isEmpty()) {
                throw new CertificateException("empty");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (CertificateException e) {
            throw ProviderException.invalidConfig(field + ": the CA bundle (caBundle/caProvider) is not a valid PEM certificate");
        } catch (GeneralSecurityException | IOException e) {
            throw ProviderException.invalidConfig(field + ": cannot set up TLS: " + e.getClass().getSimpleName());
        }
    }

    private static String pem(StoreContext store, String caBundle, CAProvider caProvider, String field) {
        if (caBundle != null && !caBundle.isBlank()) {
            try {
                return new String(Base64.getMimeDecoder().decode(caBundle.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProviderException.invalidConfig(field + ".caBundle is not base64");
            }
        }
        if (caProvider == null) {
            return null;
        }
        String what = field + ".caProvider";
        if (caProvider.key == null || caProvider.key.isBlank()) {
            throw ProviderException.invalidConfig(what + ".key is required");
        }
        if (caProvider.type == CAProviderType.Secret) {
            SecretKeySelector ref = new SecretKeySelector();
            ref.name = caProvider.name;
            ref.namespace = caProvider.namespace;
            ref.key = caProvider.key;
            return new String(store.secretValue(ref, what), StandardCharsets.UTF_8);
        }
        return store.configMapValue(caProvider.namespace, caProvider.name, caProvider.key, what);
    }
}
