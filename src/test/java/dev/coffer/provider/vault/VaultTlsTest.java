package dev.coffer.provider.vault;

import dev.coffer.api.externalsecrets.v1.providers.CAProvider;
import dev.coffer.api.externalsecrets.v1.providers.CAProviderType;
import dev.coffer.api.externalsecrets.v1.providers.VaultCertAuth;
import dev.coffer.api.externalsecrets.v1.providers.VaultClientTLS;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.vault.VaultTestPki;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** caBundle / caProvider trust, client TLS and cert auth over a real TLS handshake with the local Vault. */
class VaultTlsTest {

    private static final VaultTestPki PKI = new VaultTestPki("vault-ca");
    private static final VaultTestPki OTHER = new VaultTestPki("someone-else");
    private static final VaultTestPki.Issued SERVER = PKI.server();
    private static final VaultTestPki.Issued CLIENT_RSA = PKI.client("coffer-client", "RSA");
    private static final VaultTestPki.Issued CLIENT_EC = PKI.client("coffer-ec", "EC");

    private final MutableClock clock = new MutableClock();
    private final InMemoryKube kube = new InMemoryKube()
            .secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", "root-token"))
            .secret(VaultStores.NAMESPACE, "ca", Map.of("ca.crt", OTHER.ca().certPem() + PKI.ca().certPem()))
            .configMap(VaultStores.NAMESPACE, "ca", Map.of("ca.crt", PKI.ca().certPem()))
            .secret(VaultStores.NAMESPACE, "client-tls", Map.of("tls.crt", CLIENT_RSA.certPem(), "tls.key", CLIENT_RSA.keyPem()))
            .secret(VaultStores.NAMESPACE, "ec-tls", Map.of("tls.crt", CLIENT_EC.certPem(), "tls.key", CLIENT_EC.keyPem()));
    private VaultTestServer vault;
    private SecretsClient client;

    private void startServer(boolean needClientCert) {
        vault = VaultTestServer.startTls(clock, PKI.serverContext(SERVER), needClientCert).mount("secret", 2)
                .token("root-token", 0, false);
        vault.put("secret", "app", Map.of("k", "v"));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        vault.close();
    }

    private VaultProvider store() {
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.tokenSecretRef = ref("vault-token", "token");
        return v;
    }

    private String read(VaultProvider v) {
        client = new VaultProviderImpl(clock, Path.of("/nonexistent")).newClient(VaultStores.context(v, kube));
        return new String(client.getSecret(remote("app", "k")), StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void caBundleIsTrusted() {
        startServer(false);
        VaultProvider v = store();
        v.caBundle = b64(PKI.ca().certPem());
        assertThat(read(v)).isEqualTo("v");
    }

    @Test
    void caProviderFromASecretWithSeveralCertificatesOrAConfigMap() {
        startServer(false);
        VaultProvider v = store();
        v.caProvider = new CAProvider();
        v.caProvider.type = CAProviderType.Secret;
        v.caProvider.name = "ca";
        v.caProvider.key = "ca.crt";
        assertThat(read(v)).isEqualTo("v"); // the right CA is the second one of the bundle
        client.close();
        v.caProvider.type = CAProviderType.ConfigMap;
        assertThat(read(v)).isEqualTo("v");
    }

    @Test
    void aWrongCaIsAClearTlsError() {
        startServer(false);
        VaultProvider v = store();
        v.caBundle = b64(OTHER.ca().certPem());
        assertThatThrownBy(() -> read(v)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("TLS handshake with Vault at " + vault.url() + " failed")
                .hasMessageContaining("caBundle/caProvider")
                .extracting("kind").isEqualTo(ProviderException.Kind.INVALID_CONFIG);
    }

    @Test
    void aCaBundleThatIsNotPemIsInvalidConfig() {
        startServer(false);
        VaultProvider v = store();
        v.caBundle = b64("not a certificate");
        assertThatThrownBy(() -> read(v)).isInstanceOf(ProviderException.class)
                .hasMessageContaining("CA bundle").extracting("kind").isEqualTo(ProviderException.Kind.INVALID_CONFIG);
    }

    @Test
    void clientTlsPresentsTheCertificateWithPkcs1RsaOrPkcs8EcKeys() {
        startServer(true);
        VaultProvider v = store();
        v.caBundle = b64(PKI.ca().certPem());
        v.tls = new VaultClientTLS();
        v.tls.certSecretRef = ref("client-tls", "tls.crt");
        v.tls.keySecretRef = ref("client-tls", "tls.key");
        assertThat(CLIENT_RSA.keyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(read(v)).isEqualTo("v");
        client.close();
        v.tls.certSecretRef = ref("ec-tls", "tls.crt");
        v.tls.keySecretRef = ref("ec-tls", "tls.key");
        assertThat(read(v)).isEqualTo("v");
    }

    @Test
    void withoutTheClientCertificateAMutualTlsServerIsUnreachable() {
        startServer(true);
        VaultProvider v = store();
        v.caBundle = b64(PKI.ca().certPem());
        assertThatThrownBy(() -> read(v)).isInstanceOf(ProviderException.class).hasMessageContaining(vault.url());
    }

    @Test
    void certAuthLogsInWithTheClientCertificateAndRole() {
        startServer(false);
        vault.accept("cert", "coffer-client:web");
        VaultProvider v = VaultStores.kv2(vault.url());
        v.caBundle = b64(PKI.ca().certPem());
        v.auth.cert = new VaultCertAuth();
        v.auth.cert.clientCert = ref("client-tls", "tls.crt");
        v.auth.cert.secretRef = ref("client-tls", "tls.key");
        v.auth.cert.vaultRole = "web";
        assertThat(read(v)).isEqualTo("v");
        assertThat(vault.count("login:cert")).isEqualTo(1);
    }
}
