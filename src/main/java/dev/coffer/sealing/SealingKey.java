package dev.coffer.sealing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;

/**
 * One key pair of the controller. It is named by its fingerprint only; {@code source} says where
 * it came from (a key Secret's name or a file) for messages, never its material. The certificate
 * is absent for a bare private key (kubeseal's --recovery-private-key).
 */
public record SealingKey(String fingerprint, RSAPrivateKey privateKey, RSAPublicKey publicKey,
                         X509Certificate certificate, Instant createdAt, String source) {

    public static SealingKey of(RSAPrivateKey privateKey, X509Certificate certificate, String source) {
        if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("certificate does not hold an RSA public key");
        }
        return new SealingKey(Fingerprints.of(rsa), privateKey, rsa, certificate,
                certificate.getNotBefore().toInstant(), source);
    }

    /** A private key without certificate: its public half comes from the CRT parameters. */
    public static SealingKey ofPrivateKey(RSAPrivateKey privateKey, String source) throws SealingException {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new SealingException(source + ": private key lacks its public exponent");
        }
        RSAPublicKey publicKey = publicKey(crt.getModulus(), crt.getPublicExponent());
        return new SealingKey(Fingerprints.of(publicKey), privateKey, publicKey, null, Instant.EPOCH, source);
    }

    private static RSAPublicKey publicKey(BigInteger modulus, BigInteger exponent) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    @Override
    public String toString() {
        return fingerprint;
    }
}
