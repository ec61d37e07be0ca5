package dev.coffer.sealing.keys;

import dev.coffer.sealing.SealingKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Generates a controller key: RSA (4096 bits by default) with a self-signed certificate. */
public final class KeyGenerator {

    public static final int DEFAULT_BITS = 4096;
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);
    private static final String SUBJECT = "CN=sealed-secret,O=sealed-secret";

    private KeyGenerator() {
    }

    public static SealingKey generate(int bits, Duration validity, Instant notBefore, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, random);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name(SUBJECT);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, random).add(BigInteger.ONE), Date.from(notBefore),
                    Date.from(notBefore.plus(validity)), subject, pair.getPublic());
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return SealingKey.of((RSAPrivateKey) pair.getPrivate(), cert, "generated");
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate a sealing key: " + e.getClass().getSimpleName(), e);
        }
    }

    public static SealingKey generate() {
        return generate(DEFAULT_BITS, DEFAULT_VALIDITY, Instant.now(), new SecureRandom());
    }
}
