package dev.coffer.inject.webhook;

import dev.coffer.inject.webhook.WebhookCertificates.Bundle;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook certificate's Secret, in the layout cert-manager writes ({@code ca.crt},
 * {@code tls.crt}, {@code tls.key}; type {@code kubernetes.io/tls}) plus {@code ca.key} when
 * Coffer made it. {@code ca.crt} may hold several CAs while one is being replaced.
 */
public final class CertificateSecret {

    public static final String CA_CRT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String TLS_CRT = "tls.crt";
    public static final String TLS_KEY = "tls.key";

    private CertificateSecret() {
    }

    /** What a Secret serves: its serving key and chain, and the CA bundle to trust. */
    public record Served(PrivateKey key, X509Certificate certificate, List<X509Certificate> caChain) {
    }

    /** The serving key of a Secret Coffer or cert-manager wrote; empty when it has none yet. */
    public static Optional<Served> served(Secret secret) throws IOException {
        Map<String, String> d = secret == null || secret.getData() == null ? Map.of() : secret.getData();
        if (!d.containsKey(TLS_CRT) || !d.containsKey(TLS_KEY)) {
            return Optional.empty();
        }
        List<X509Certificate> tls = certificates(text(d.get(TLS_CRT)));
        if (tls.isEmpty()) {
            throw new IOException("tls.crt holds no certificate");
        }
        List<X509Certificate> ca = d.containsKey(CA_CRT) ? certificates(text(d.get(CA_CRT))) : List.of();
        return Optional.of(new Served(key(text(d.get(TLS_KEY))), tls.get(0), ca));
    }

    /** The bundle of a Secret Coffer wrote; empty when it is missing, incomplete or unreadable (then made anew). */
    public static Optional<Bundle> bundle(Secret secret) {
        try {
            Optional<Served> served = served(secret);
            String caKey = secret == null || secret.getData() == null ? null : secret.getData().get(CA_KEY);
            if (served.isEmpty() || caKey == null || served.get().caChain().isEmpty()) {
                return Optional.empty();
            }
            Served s = served.get();
            return Optional.of(new Bundle(s.caChain(), key(text(caKey)), s.certificate(), s.key()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The Secret's data for {@code bundle}, base64 as the API wants it. */
    public static Map<String, String> data(Bundle bundle) throws IOException {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(CA_CRT, b64(pem(bundle.caChain().toArray())));
        d.put(CA_KEY, b64(pem(new JcaPKCS8Generator(bundle.caKey(), null))));
        d.put(TLS_CRT, b64(pem(bundle.serving())));
        d.put(TLS_KEY, b64(pem(new JcaPKCS8Generator(bundle.servingKey(), null))));
        return d;
    }

    public static Secret create(String namespace, String name, Bundle bundle) throws IOException {
        return new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("app.kubernetes.io/managed-by", "coffer").endMetadata()
                .withType("kubernetes.io/tls").withData(data(bundle)).build();
    }

    /** PEM text of certificates and keys, in order. */
    public static String pem(Object... objects) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return out.toString();
    }

    private static List<X509Certificate> certificates(String pem) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    certs.add(new JcaX509CertificateConverter().getCertificate(h));
                }
            }
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("unreadable certificate", e);
        }
        return certs;
    }

    private static PrivateKey key(String pem) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            JcaPEMKeyConverter c = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return c.getKeyPair(pair).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return c.getPrivateKey(info);
            }
            throw new IOException("no private key in PEM");
        }
    }

    private static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
