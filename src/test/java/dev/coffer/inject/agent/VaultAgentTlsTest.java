package dev.coffer.inject.agent;

import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import dev.coffer.inject.AgentTlsSettings;
import dev.coffer.inject.agent.SecretsAgent.AgentException;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestPki;
import dev.coffer.testsupport.vault.VaultTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The agent's TLS to Vault from the injector's annotations, through the Vault provider's client
 * against a TLS Vault whose certificate names 127.0.0.1 and localhost, signed by a private CA.
 */
class VaultAgentTlsTest {

    static final VaultTestPki PKI = new VaultTestPki("vault-ca");
    static final VaultTestPki OTHER = new VaultTestPki("someone-else");

    @TempDir
    Path tmp;
    final MutableClock clock = new MutableClock();
    final InMemoryKube kube = new InMemoryKube().secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", "root-token"));
    VaultTestServer vault;
    SecretsClient client;
    Path ca;

    @BeforeEach
    void start() throws Exception {
        vault = VaultTestServer.startTls(clock, PKI.serverContext(PKI.server()), false).mount("secret", 2)
                .token("root-token", 0, false);
        vault.put("secret", "app", Map.of("k", "v"));
        ca = Files.writeString(tmp.resolve("ca.crt"), PKI.ca().certPem());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        vault.close();
    }

    String read(AgentTlsSettings tls) throws AgentException {
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.tokenSecretRef = ref("vault-token", "token");
        client = new VaultProviderImpl(clock, Path.of("/nonexistent"), VaultAgentTls.context(tls))
                .newClient(VaultStores.context(v, kube));
        return new String(client.getSecret(remote("app", "k")), StandardCharsets.UTF_8);
    }

    @Test
    void caCertIsTrustedAndOtherwiseTheJvmsDefaultsRefuseThePrivateCa() throws Exception {
        assertThat(VaultAgentTls.context(AgentTlsSettings.NONE)).isNull();
        assertThat(read(new AgentTlsSettings(false, ca.toString(), null, null))).isEqualTo("v");
        Path other = Files.writeString(tmp.resolve("other.crt"), OTHER.ca().certPem());
        assertThatThrownBy(() -> read(new AgentTlsSettings(false, other.toString(), null, null)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("TLS handshake with Vault");
    }

    @Test
    void tlsServerNameIsTheNameTheCertificateMustCarry() throws Exception {
        assertThat(read(new AgentTlsSettings(false, ca.toString(), "localhost", null))).isEqualTo("v");
        // dialled at 127.0.0.1 (which the certificate names), checked against a name it does not carry: refused
        assertThatThrownBy(() -> read(new AgentTlsSettings(false, ca.toString(), "vault.internal", null)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("TLS handshake with Vault");
    }

    @Test
    void tlsSkipVerifyTrustsAnyCertificate() throws Exception {
        assertThat(read(new AgentTlsSettings(true, null, null, null))).isEqualTo("v");
    }

    @Test
    void aMissingOrEmptyCaFileIsOneLine() throws Exception {
        assertThatThrownBy(() -> VaultAgentTls.context(new AgentTlsSettings(false, tmp.resolve("nope.crt").toString(), null, null)))
                .isInstanceOf(AgentException.class).hasMessage("cannot read vault.hashicorp.com/ca-cert "
                        + tmp.resolve("nope.crt") + ": NoSuchFileException");
        Path empty = Files.writeString(tmp.resolve("empty.crt"), "");
        assertThatThrownBy(() -> VaultAgentTls.context(new AgentTlsSettings(false, empty.toString(), null, null)))
                .hasMessage("vault.hashicorp.com/ca-cert " + empty + " holds no PEM certificate");
    }
}
