package dev.coffer.template.funcs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.template.GoTemplate;
import dev.coffer.template.TemplateException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/** sprig's certificate, key, AES and bcrypt helpers, checked with the JDK and BouncyCastle. */
class SprigCryptoFunctionsTest {
    private static String run(String template, Map<String, Object> data) throws TemplateException {
        return GoTemplate.parse("t", template).execute(data);
    }

    private static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void genCaSignsGenSignedCert() throws Exception {
        String out = run("{{ $ca := genCA \"my-ca\" 365 }}{{ $c := genSignedCert \"svc\" (list \"10.0.0.1\") "
                + "(list \"svc.ns.svc\") 30 $ca }}{{ $ca.Cert }}|{{ $c.Cert }}|{{ $c.Key }}", Map.of());
        String[] parts = out.split("\\|");
        X509Certificate ca = cert(parts[0]);
        X509Certificate leaf = cert(parts[1]);
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=my-ca");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        ca.verify(ca.getPublicKey());
        leaf.verify(ca.getPublicKey());
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        assertThat(sans.stream().map(l -> String.valueOf(l.get(1))).toList()).contains("svc.ns.svc", "10.0.0.1");
        assertThat(parts[2]).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    }

    @Test
    void genSelfSignedCertWithAGivenEcKey() throws Exception {
        String out = run("{{ $k := genPrivateKey \"ecdsa\" }}{{ $c := genSelfSignedCertWithKey \"me\" (list) "
                + "(list \"me.example\") 1 $k }}{{ $c.Cert }}|{{ $c.Key }}|{{ $k }}", Map.of());
        String[] parts = out.split("\\|");
        X509Certificate c = cert(parts[0]);
        c.verify(c.getPublicKey());
        assertThat(parts[1]).isEqualTo(parts[2]).startsWith("-----BEGIN EC PRIVATE KEY-----");
    }

    @Test
    void buildCustomCertChecksAndKeepsTheInputs() throws Exception {
        String out = run("{{ $ca := genCA \"x\" 1 }}{{ $c := buildCustomCert (b64enc $ca.Cert) (b64enc $ca.Key) }}"
                + "{{ eq $c.Cert $ca.Cert }} {{ eq $c.Key $ca.Key }}", Map.of());
        assertThat(out).isEqualTo("true true");
    }

    @Test
    void genPrivateKeyTypes() throws Exception {
        assertThat(run("{{ genPrivateKey \"ed25519\" }}", Map.of())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(run("{{ genPrivateKey \"ecdsa\" }}", Map.of())).startsWith("-----BEGIN EC PRIVATE KEY-----");
    }

    @Test
    void aesRoundTripAndRandomIv() throws Exception {
        Map<String, Object> d = Map.of("pw", "passphrase", "text", "the secret text");
        String a = run("{{ encryptAES .pw .text }}", d);
        String b = run("{{ encryptAES .pw .text }}", d);
        assertThat(a).isNotEqualTo(b);
        assertThat(run("{{ decryptAES .pw .c }}", Map.of("pw", "passphrase", "c", a))).isEqualTo("the secret text");
    }

    @Test
    void bcryptAndHtpasswdVerify() throws Exception {
        String hash = run("{{ bcrypt \"pw\" }}", Map.of());
        assertThat(OpenBSDBCrypt.checkPassword(hash, "pw".toCharArray())).isTrue();
        String line = run("{{ htpasswd \"bob\" \"pw\" }}", Map.of());
        assertThat(line).startsWith("bob:$2a$10$");
        assertThat(OpenBSDBCrypt.checkPassword(line.substring(4), "pw".toCharArray())).isTrue();
        assertThat(run("{{ htpasswd \"a:b\" \"pw\" }}", Map.of())).isEqualTo("invalid username: a:b");
    }
}
