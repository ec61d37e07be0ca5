package dev.coffer.provider.azure;

import dev.coffer.provider.ProviderException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * A service principal's certificate and private key from one PEM value, as upstream takes it
 * (cert-manager writes RSA keys as PKCS#1), rewritten as azure-identity reads PEM: the
 * certificates, then the key as PKCS#8.
 */
final class ClientCertificatePem {

    private ClientCertificatePem() {
    }

    static byte[] normalize(byte[] pem, String what) {
        StringWriter out = new StringWriter();
        PrivateKeyInfo key = null;
        int certs = 0;
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.UTF_8)));
             PemWriter writer = new PemWriter(out)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder cert) {
                    writer.writeObject(new PemObject("CERTIFICATE", cert.getEncoded()));
                    certs++;
                } else if (o instanceof PEMKeyPair pair) {
                    key = pair.getPrivateKeyInfo();
                } else if (o instanceof PrivateKeyInfo info) {
                    key = info;
                }
            }
            if (certs == 0 || key == null) {
                throw ProviderException.invalidConfig(what + " must hold a PEM certificate and its unencrypted private key");
            }
            writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProviderException pe) {
                throw pe;
            }
            throw ProviderException.invalidConfig(what + " is not valid PEM (a certificate and its private key)");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
