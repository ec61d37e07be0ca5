package dev.coffer.sealing;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/**
 * One key pair of the controller. It is named by its fingerprint only; {@code source} says where
 * it came from (a key Secret's name or a file) for messages, never its material.
 */
public record SealingKey(String fingerprint, RSAPrivateKey privateKey, X509Certificate certificate,
                         Instant createdAt, String source) {

    public static SealingKey of(RSAPrivateKey privateKey, X509Certificate certificate, String source) {
        return new SealingKey(Fingerprints.of(publicKeyOf(certificate)), privateKey, certificate,
                certificate.getNotBefore().toInstant(), source);
    }

    public RSAPublicKey publicKey() {
        return publicKeyOf(certificate);
    }

    private static RSAPublicKey publicKeyOf(X509Certificate certificate) {
        if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("certificate does not hold an RSA public key");
        }
        return rsa;
    }

    @Override
    public String toString() {
        return fingerprint;
    }
}
