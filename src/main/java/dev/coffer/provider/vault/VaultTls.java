package dev.coffer.provider.vault;

import dev.coffer.provider.ProviderException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for one store: which CAs to trust (caBundle / caProvider, else the JVM's
 * defaults) and which client certificate to present (tls.* or cert auth).
 *
 * <p>Built with the JDK and Bouncy Castle rather than the driver's {@code SslConfig}: that one
 * trusts only the first certificate of a bundle, reads only PKCS#8 RSA keys (cert-manager
 * writes PKCS#1 by default, EC keys are common) and pins TLS 1.2. Errors name the field, never
 * the PEM text or the parser's message.
 */
final class VaultTls {

    private static final char[] IN_MEMORY = new char[0];
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519"};

    private VaultTls() {
    }

    /**
     * @param caPem       PEM bundle to trust, or null for the JVM defaults
     * @param clientCert  PEM certificate chain to present, or null
     * @param clientKey   PEM private key of {@code clientCert}, or null
     * @param clientWhat  the fields the client pair came from, for error messages
     */
    static SSLContext context(String caPem, String clientCert, String clientKey, String clientWhat) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(clientCert, clientKey, clientWhat), trustManagers(caPem), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw ProviderException.invalidConfig("cannot set up TLS for Vault: " + e.getClass().getSimpleName());
        }
    }

    private static TrustManager[] trustManagers(String caPem) throws GeneralSecurityException {
        if (caPem == null) {
            return null;
        }
        Collection<? extends Certificate> certs = certificates(caPem, "the CA bundle (caBundle/caProvider)");
        KeyStore trust = emptyStore();
        int i = 0;
        for (Certificate c : certs) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    private static KeyManager[] keyManagers(String certPem, String keyPem, String what) throws GeneralSecurityException {
        if (certPem == null || keyPem == null) {
            return null;
        }
        Certificate[] chain = certificates(certPem, what + " certificate").toArray(new Certificate[0]);
        KeyStore keys = emptyStore();
        keys.setKeyEntry("client", privateKey(keyPem, what), IN_MEMORY, chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, IN_MEMORY);
        return kmf.getKeyManagers();
    }

    private static Collection<? extends Certificate> certificates(String pem, String what) {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
            if (certs.isEmpty()) {
                throw new CertificateException("empty");
            }
            return certs;
        } catch (CertificateException e) {
            throw ProviderException.invalidConfig(what + " is not a valid PEM certificate");
        }
    }

    /**
     * PKCS#8, PKCS#1 (RSA) and SEC1 (EC) keys, unencrypted. Bouncy Castle only parses the PEM; the
     * key is built by the JDK's own providers, so no security provider has to be registered.
     */
    private static PrivateKey privateKey(String pem, String what) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            PrivateKeyInfo info = parsed instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                    : parsed instanceof PrivateKeyInfo i ? i : null;
            if (info != null) {
                PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(info.getEncoded());
                for (String algorithm : KEY_ALGORITHMS) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
                    } catch (GeneralSecurityException e) {
                        // not this algorithm
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: the parser's message could quote key material
        }
        throw ProviderException.invalidConfig(what + " private key is not an unencrypted PEM key (PKCS#8, PKCS#1 or EC)");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot initialise an in-memory key store", e);
        }
        return ks;
    }
}
