package dev.coffer.sealing;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;

/** PEM in and out: RSA private keys (PKCS#1 or PKCS#8) and X.509 certificates. */
public final class KeyPem {

    private KeyPem() {
    }

    public static RSAPrivateKey privateKey(String pem, String source) throws SealingException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            PrivateKey key;
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                key = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (object instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new SealingException(source + ": no PEM private key (PKCS#1 or PKCS#8) found");
            }
            if (!(key instanceof RSAPrivateKey rsa)) {
                throw new SealingException(source + ": private key is not RSA");
            }
            return rsa;
        } catch (IOException | RuntimeException e) {
            throw new SealingException(source + ": private key is not readable PEM");
        }
    }

    public static X509Certificate certificate(byte[] pem, String source) throws SealingException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
        } catch (CertificateException | RuntimeException e) {
            throw new SealingException(source + ": not a PEM X.509 certificate");
        }
    }

    public static String encode(Object keyOrCertificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(keyOrCertificate);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return out.toString();
    }

    public static byte[] encodeBytes(Object keyOrCertificate) {
        return encode(keyOrCertificate).getBytes(StandardCharsets.US_ASCII);
    }
}
