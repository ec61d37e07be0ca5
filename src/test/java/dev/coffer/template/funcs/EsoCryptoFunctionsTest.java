package dev.coffer.template.funcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.template.GoTemplate;
import dev.coffer.template.TemplateException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The external-secrets crypto functions against keys and certificates made here with BouncyCastle. */
class EsoCryptoFunctionsTest {
    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static TestPki.Issued leaf;

    @BeforeAll
    static void makeChain() throws Exception {
        root = TestPki.issue("Test Root", TestPki.rsa(), null, true);
        intermediate = TestPki.issue("Test Intermediate", TestPki.rsa(), root, true);
        leaf = TestPki.issue("leaf.example.com", TestPki.rsa(), intermediate, false, "leaf.example.com", "alt.example");
    }

    private static String run(String template, Map<String, Object> data) throws TemplateException {
        return GoTemplate.parse("t", template).execute(data);
    }

    private static Map<String, Object> data(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<X509Certificate> certs(String pem) throws Exception {
        Collection<? extends Certificate> c = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        List<X509Certificate> out = new ArrayList<>();
        c.forEach(x -> out.add((X509Certificate) x));
        return out;
    }

    @Test
    void pemToPkcs12RoundTripsThroughPkcs12KeyAndCert() throws Exception {
        String p12 = run("{{ pemToPkcs12 .cert .key }}", data("cert", leaf.certPem(), "key", leaf.keyPem()));
        String key = run("{{ .p12 | b64dec | pkcs12key }}", data("p12", p12));
        String cert = run("{{ .p12 | b64dec | pkcs12cert }}", data("p12", p12));

        assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(key).isEqualTo(leaf.keyPem()); // an RSA PKCS#8 key marshals back byte for byte
        assertThat(certs(cert)).containsExactly(leaf.cert());
    }

    @Test
    void passwordProtectedArchiveNeedsTheRightPassword() throws Exception {
        String p12 = run("{{ pemToPkcs12Pass .cert .key \"s3cret\" }}",
                data("cert", leaf.certPem(), "key", leaf.keyPem()));
        String key = run("{{ .p12 | b64dec | pkcs12keyPass \"s3cret\" }}", data("p12", p12));
        assertThat(key).isEqualTo(leaf.keyPem());

        assertThatThrownBy(() -> run("{{ .p12 | b64dec | pkcs12keyPass \"wrong\" }}", data("p12", p12)))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("error calling pkcs12keyPass: unable to decode pkcs12 with password")
                .hasMessageContaining("password incorrect")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(p12.substring(0, 20)));
    }

    @Test
    void fullPemToPkcs12KeepsTheChainAndPkcs12CertOrdersIt() throws Exception {
        // the bundle lists the chain out of order: root, leaf, intermediate
        String bundle = root.certPem() + leaf.certPem() + intermediate.certPem();
        String p12 = run("{{ fullPemToPkcs12Pass .cert .key \"pw\" }}", data("cert", bundle, "key", leaf.keyPem()));
        String chain = run("{{ .p12 | b64dec | pkcs12certPass \"pw\" }}", data("p12", p12));
        assertThat(certs(chain)).containsExactly(leaf.cert(), intermediate.cert(), root.cert());
    }

    @Test
    void theJdkReadsArchivesWeWriteAndWeReadArchivesTheJdkWrites() throws Exception {
        String p12 = run("{{ pemToPkcs12Pass .cert .key \"changeit\" }}",
                data("cert", leaf.certPem(), "key", leaf.keyPem()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new ByteArrayInputStream(Base64.getDecoder().decode(p12)), "changeit".toCharArray());
        String alias = ks.aliases().nextElement();
        assertThat(ks.getCertificate(alias)).isEqualTo(leaf.cert());
        assertThat(ks.getKey(alias, "changeit".toCharArray())).isEqualTo(leaf.keys().getPrivate());

        KeyStore jdk = KeyStore.getInstance("PKCS12");
        jdk.load(null, null);
        jdk.setKeyEntry("k", leaf.keys().getPrivate(), "jdkpass".toCharArray(),
                new Certificate[]{leaf.cert(), intermediate.cert()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        jdk.store(out, "jdkpass".toCharArray());
        Map<String, Object> d = data("p12", out.toByteArray()); // raw bytes, as ESO hands secret data over
        assertThat(run("{{ pkcs12keyPass \"jdkpass\" .p12 }}", d)).isEqualTo(leaf.keyPem());
        assertThat(certs(run("{{ pkcs12certPass \"jdkpass\" .p12 }}", d)))
                .containsExactly(leaf.cert(), intermediate.cert());
    }

    @Test
    void ecKeysGoThroughPkcs12() throws Exception {
        KeyPair ecKeys = TestPki.ec();
        TestPki.Issued ecLeaf = TestPki.issue("ec.example", ecKeys, null, false);
        String p12 = run("{{ pemToPkcs12 .cert .key }}", data("cert", ecLeaf.certPem(), "key", ecLeaf.keyPem()));
        String key = run("{{ .p12 | b64dec | pkcs12key }}", data("p12", p12));
        String roundTrip = run("{{ pemToPkcs12 .cert .key | b64dec | pkcs12cert }}",
                data("cert", ecLeaf.certPem(), "key", key));
        assertThat(certs(roundTrip)).containsExactly(ecLeaf.cert());
    }

    @Test
    void filterCertChainPicksLeafIntermediateAndRoot() throws Exception {
        Map<String, Object> d = data("chain", intermediate.certPem() + root.certPem() + leaf.certPem());
        assertThat(certs(run("{{ filterCertChain \"leaf\" .chain }}", d))).containsExactly(leaf.cert());
        assertThat(certs(run("{{ filterCertChain \"intermediate\" .chain }}", d))).containsExactly(intermediate.cert());
        assertThat(certs(run("{{ filterCertChain \"root\" .chain }}", d))).containsExactly(root.cert());
        assertThat(run("[{{ filterCertChain \"other\" .chain }}]", d)).isEqualTo("[]");
    }

    @Test
    void filterCertChainRejectsDisjunctCertificates() throws Exception {
        TestPki.Issued stranger = TestPki.issue("stranger", TestPki.rsa(), null, true);
        Map<String, Object> d = data("chain", leaf.certPem() + stranger.certPem());
        assertThatThrownBy(() -> run("{{ filterCertChain \"leaf\" .chain }}", d))
                .hasMessageContaining("found multiple leaf or disjunct certificates");
    }

    @Test
    void filterPemExtractsCertificatesFromAKeyAndCertBundle() throws Exception {
        Map<String, Object> d = data("bundle", leaf.keyPem() + leaf.certPem());
        assertThat(run("{{ filterPEM \"CERTIFICATE\" .bundle }}", d)).isEqualTo(leaf.certPem());
        assertThat(run("{{ filterPEM \"private key\" .bundle }}", d)).isEqualTo(leaf.keyPem());
    }

    @Test
    void certSansListsTheDnsNames() throws Exception {
        assertThat(run("{{ certSANs .cert | join \",\" }}", data("cert", leaf.certPem())))
                .isEqualTo("leaf.example.com,alt.example");
    }

    @Test
    void jwkRsaKeysBecomePem() throws Exception {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) leaf.keys().getPrivate();
        String jwk = "{\"kty\":\"RSA\",\"n\":\"" + b64u(k.getModulus()) + "\",\"e\":\"" + b64u(k.getPublicExponent())
                + "\",\"d\":\"" + b64u(k.getPrivateExponent()) + "\",\"p\":\"" + b64u(k.getPrimeP())
                + "\",\"q\":\"" + b64u(k.getPrimeQ()) + "\",\"dp\":\"" + b64u(k.getPrimeExponentP())
                + "\",\"dq\":\"" + b64u(k.getPrimeExponentQ()) + "\",\"qi\":\"" + b64u(k.getCrtCoefficient()) + "\"}";
        Map<String, Object> d = data("jwk", jwk);
        assertThat(run("{{ jwkPublicKeyPem .jwk }}", d))
                .isEqualTo(TestPki.pem("PUBLIC KEY", leaf.keys().getPublic().getEncoded()));
        assertThat(run("{{ jwkPrivateKeyPem .jwk }}", d)).isEqualTo(leaf.keyPem());
    }

    @Test
    void jwkEcPublicKeyBecomesPem() throws Exception {
        KeyPair ec = TestPki.ec();
        ECPublicKey pub = (ECPublicKey) ec.getPublic();
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + b64u32(pub.getW().getAffineX()) + "\",\"y\":\""
                + b64u32(pub.getW().getAffineY()) + "\"}";
        assertThat(run("{{ jwkPublicKeyPem .jwk }}", data("jwk", jwk)))
                .isEqualTo(TestPki.pem("PUBLIC KEY", pub.getEncoded()));
    }

    @Test
    void jwkOfAnUnsupportedTypeIsAnError() {
        assertThatThrownBy(() -> run("{{ jwkPublicKeyPem .jwk }}", data("jwk", "{\"kty\":\"oct\",\"k\":\"AAAA\"}")))
                .hasMessageContaining("error calling jwkPublicKeyPem");
    }

    @Test
    void rsaDecryptReversesOaep() throws Exception {
        for (String[] hash : new String[][]{{"SHA1", "SHA-1"}, {"SHA256", "SHA-256"}, {"SHA512", "SHA-512"}}) {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.ENCRYPT_MODE, leaf.keys().getPublic(), new OAEPParameterSpec(hash[1], "MGF1",
                    new MGF1ParameterSpec(hash[1]), PSource.PSpecified.DEFAULT));
            String ciphertext = Base64.getEncoder().encodeToString(c.doFinal("top secret".getBytes()));
            String out = run("{{ rsaDecrypt \"RSA-OAEP\" \"" + hash[0] + "\" (b64dec .data) .key }}",
                    data("data", ciphertext, "key", leaf.keyPem()));
            assertThat(out).isEqualTo("top secret");
        }
    }

    @Test
    void rsaDecryptWithTheWrongKeyFailsWithoutRevealingData() throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        c.init(Cipher.ENCRYPT_MODE, root.keys().getPublic(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        String ciphertext = Base64.getEncoder().encodeToString(c.doFinal("x".getBytes()));
        assertThatThrownBy(() -> run("{{ rsaDecrypt \"RSA-OAEP\" \"SHA256\" (b64dec .data) .key }}",
                data("data", ciphertext, "key", leaf.keyPem())))
                .hasMessageContaining("error decrypting data with RSA")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ciphertext.substring(0, 12)));
    }

    private static String b64u(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b[0] == 0 && b.length > 1) {
            b = java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String b64u32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    @Test
    void pemTruststoreToPKCS12MakesAJavaTrustStoreOfEveryCertificate() throws Exception {
        String b64 = run("{{ pemTruststoreToPKCS12Pass .certs \"changeit\" }}",
                Map.of("certs", intermediate.certPem() + root.certPem()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Base64.getDecoder().decode(b64)), "changeit".toCharArray());

        List<Certificate> trusted = new ArrayList<>();
        for (String alias : java.util.Collections.list(store.aliases())) {
            assertThat(store.isCertificateEntry(alias)).as("a trusted certificate entry: " + alias).isTrue();
            trusted.add(store.getCertificate(alias));
        }
        assertThat(trusted).containsExactlyInAnyOrder(intermediate.cert(), root.cert());
        assertThat(run("{{ pemTruststoreToPKCS12 .certs | b64dec | len | lt 100 }}",
                Map.of("certs", root.certPem()))).as("without a password too").isEqualTo("true");
    }

    @Test
    void pkcs12certOfATrustStoreFailsAsGoPkcs12DoesWithoutAKey() {
        assertThatThrownBy(() -> run("{{ pemTruststoreToPKCS12 .certs | b64dec | pkcs12cert }}",
                Map.of("certs", root.certPem())))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("pkcs12: private key missing");
    }
}
