package dev.coffer.testsupport.vault;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A throw-away CA with a server certificate for 127.0.0.1 and client certificates, as PEM and JSSE objects. */
public final class VaultTestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /**
     * A certificate with its key. {@code keyPem} is PKCS#1 for RSA ("BEGIN RSA PRIVATE KEY"), as
     * cert-manager writes by default, and PKCS#8 for EC (the JDK's EC key encoding carries its
     * curve only in the PKCS#8 wrapper).
     */
    public record Issued(X509Certificate cert, KeyPair keys, String certPem, String keyPem) {
    }

    private final Issued ca;

    public VaultTestPki(String name) {
        this.ca = issue("CN=" + name, null, true, false, "RSA");
    }

    public Issued ca() {
        return ca;
    }

    public Issued server() {
        return issue("CN=127.0.0.1", ca, false, true, "RSA");
    }

    public Issued client(String cn, String algorithm) {
        return issue("CN=" + cn, ca, false, false, algorithm);
    }

    /** A server-side TLS context presenting {@code server}, trusting this CA for client certificates. */
    public SSLContext serverContext(Issued server) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", server.keys().getPrivate(), new char[0],
                    new java.security.cert.Certificate[] {server.cert(), ca.cert()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("ca", ca.cert());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued issue(String subject, Issued issuer, boolean isCa, boolean serverName, String algorithm) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm);
            gen.initialize("EC".equals(algorithm) ? 256 : 2048);
            KeyPair keys = gen.generateKeyPair();
            Instant now = Instant.now();
            X500Name issuerName = new X500Name(issuer == null ? subject : issuer.cert().getSubjectX500Principal().getName());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                    new X500Name(subject), keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (serverName) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            KeyPair signer = issuer == null ? keys : issuer.keys();
            String sigAlg = "EC".equals(signer.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(sigAlg).build(signer.getPrivate())));
            return new Issued(cert, keys, pem(cert), "EC".equals(algorithm) ? pkcs8(keys) : pem(keys));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pkcs8(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String pem(Object o) throws java.io.IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }
}
