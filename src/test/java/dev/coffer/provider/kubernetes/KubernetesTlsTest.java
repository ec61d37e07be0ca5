package dev.coffer.provider.kubernetes;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import static dev.coffer.provider.kubernetes.KubeStores.ref;
import static dev.coffer.provider.kubernetes.KubernetesReadTest.assertKind;
import static dev.coffer.provider.kubernetes.KubernetesReadTest.text;
import static org.assertj.core.api.Assertions.assertThat;

/** An API server behind TLS with its own CA, trusted through caBundle or caProvider. */
class KubernetesTlsTest {

    static MockApiServer remote;
    InMemoryKube kube = new InMemoryKube().apiServerUrl("http://127.0.0.1:1")
            .secret(KubeStores.APPS, "remote-token", Map.of("token", "t"));

    @BeforeAll
    static void start() {
        remote = MockApiServer.https();
        remote.createSecret(KubeStores.REMOTE_NS, "db", Map.of("username", "app"));
    }

    @AfterAll
    static void stop() {
        remote.close();
    }

    @Test
    void caBundleMakesTheServerTrusted() {
        try (SecretsClient client = newClient(KubeStores.tokenAuth(remote.url(), "caBundle: " + base64(remote.caPem())))) {
            assertThat(text(client.getSecret(ref("db", "username")))).isEqualTo("app");
        }
    }

    @Test
    void withoutItsCaTheServerIsNotTrusted() {
        try (SecretsClient client = newClient(KubeStores.tokenAuth(remote.url()))) {
            assertKind(() -> client.getSecret(ref("db", "username")), ProviderException.Kind.UNAVAILABLE);
        }
    }

    @Test
    void caProviderReadsTheCaFromAConfigMapOrASecret() {
        kube.configMap(KubeStores.APPS, "remote-ca", Map.of("ca.crt", remote.caPem()));
        kube.secret(KubeStores.APPS, "remote-ca", Map.of("ca.crt", remote.caPem()));
        for (String type : new String[] {"ConfigMap", "Secret"}) {
            String caProvider = "caProvider: {type: " + type + ", name: remote-ca, key: ca.crt}";
            try (SecretsClient client = newClient(KubeStores.tokenAuth(remote.url(), caProvider))) {
                assertThat(text(client.getSecret(ref("db", "username")))).isEqualTo("app");
            }
        }
    }

    @Test
    void clientCertificateAuthWorksWithAnRsaKey() throws Exception {
        String[] certAndKey = selfSigned();
        kube.secret(KubeStores.APPS, "remote-cert", Map.of("tls.crt", certAndKey[0], "tls.key", certAndKey[1]));
        String store = """
                server:
                  url: %s
                  caBundle: %s
                auth:
                  cert:
                    clientCert: {name: remote-cert, key: tls.crt}
                    clientKey: {name: remote-cert, key: tls.key}
                """.formatted(remote.url(), base64(remote.caPem()));
        try (SecretsClient client = newClient(store)) {
            assertThat(text(client.getSecret(ref("db", "username")))).isEqualTo("app");
        }
    }

    private SecretsClient newClient(String providerBody) {
        return new KubernetesProviderImpl().newClient(KubeStores.secretStore(providerBody, kube));
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A self-signed client certificate and its RSA key, both PEM. */
    private static String[] selfSigned() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        X500Name subject = new X500Name("CN=coffer-reader");
        Instant now = Instant.now();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                subject, BigInteger.ONE, Date.from(now), Date.from(now.plus(Duration.ofDays(1))), subject, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        return new String[] {pem(cert), pem(pair.getPrivate())};
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }
}
