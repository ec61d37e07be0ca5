package dev.coffer.provider.azure;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import dev.coffer.provider.ProviderException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Enumeration;
import java.util.List;

/**
 * What a pushed value holds for {@code key/} and {@code cert/}, read as upstream reads it: a PEM
 * private key (PKCS#1, SEC 1 or PKCS#8, RSA or EC) becomes a JWK; a certificate comes as PEM,
 * PKCS#12 without a password, or DER. Errors name the remote key, never the value.
 */
final class PushedMaterial {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private PushedMaterial() {
    }

    static JsonWebKey jwk(byte[] value, String key) {
        KeyPair pair = keyPair(value, key);
        return switch (pair.getPrivate().getAlgorithm()) {
            case "RSA" -> JsonWebKey.fromRsa(pair);
            case "EC", "ECDSA" -> JsonWebKey.fromEc(pair, BC, List.of());
            default -> throw ProviderException.invalidConfig("push to \"" + key + "\": a "
                    + pair.getPrivate().getAlgorithm() + " key cannot be imported (RSA or EC only)");
        };
    }

    /** Whether two JWKs are the same key (the public parts; ids and operations aside), as upstream compares. */
    static boolean sameKey(JsonWebKey a, JsonWebKey b) {
        return a != null && b != null && String.valueOf(a.getKeyType()).replace("-HSM", "")
                .equals(String.valueOf(b.getKeyType()).replace("-HSM", ""))
                && java.util.Arrays.equals(a.getN(), b.getN()) && java.util.Arrays.equals(a.getE(), b.getE())
                && java.util.Arrays.equals(a.getX(), b.getX()) && java.util.Arrays.equals(a.getY(), b.getY())
                && java.util.Objects.equals(a.getCurveName(), b.getCurveName());
    }

    /** The first certificate of the value (its DER), to compare with what the vault holds. */
    static byte[] certificateDer(byte[] value, String key) {
        try {
            if (isPem(value)) {
                try (PEMParser parser = new PEMParser(new StringReader(new String(value, StandardCharsets.UTF_8)))) {
                    for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                        if (o instanceof X509CertificateHolder cert) {
                            return cert.getEncoded();
                        }
                    }
                }
                throw notACertificate(key);
            }
            try {
                KeyStore p12 = KeyStore.getInstance("PKCS12");
                p12.load(new ByteArrayInputStream(value), new char[0]);
                for (Enumeration<String> aliases = p12.aliases(); aliases.hasMoreElements(); ) {
                    java.security.cert.Certificate c = p12.getCertificate(aliases.nextElement());
                    if (c != null) {
                        return c.getEncoded();
                    }
                }
            } catch (Exception notPkcs12) {
                // fall through to DER
            }
            X509Certificate der = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(value));
            return der.getEncoded();
        } catch (ProviderException e) {
            throw e;
        } catch (Exception e) {
            throw notACertificate(key);
        }
    }

    static boolean isPem(byte[] value) {
        return new String(value, 0, Math.min(value.length, 64), StandardCharsets.US_ASCII).stripLeading().startsWith("-----BEGIN");
    }

    private static KeyPair keyPair(byte[] value, String key) {
        try (PEMParser parser = new PEMParser(new StringReader(new String(value, StandardCharsets.UTF_8)))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair);
                }
                if (o instanceof PrivateKeyInfo info) {
                    PrivateKey priv = converter.getPrivateKey(info);
                    return new KeyPair(publicOf(priv), priv);
                }
            }
        } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
            throw ProviderException.invalidConfig("push to \"" + key + "\": the value is not a PEM private key");
        }
        throw ProviderException.invalidConfig("push to \"" + key + "\": the value holds no PEM private key");
    }

    private static PublicKey publicOf(PrivateKey priv) throws java.security.GeneralSecurityException {
        if (priv instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (priv instanceof org.bouncycastle.jce.interfaces.ECPrivateKey ec) {
            var params = ec.getParameters();
            var q = params.getG().multiply(ec.getD()).normalize();
            return KeyFactory.getInstance("EC", BC).generatePublic(
                    new org.bouncycastle.jce.spec.ECPublicKeySpec(q, params));
        }
        throw new java.security.InvalidKeyException("unsupported private key");
    }

    private static ProviderException notACertificate(String key) {
        return ProviderException.invalidConfig("push to \"" + key + "\": the value is not a certificate (PEM, PKCS#12 or DER)");
    }
}
