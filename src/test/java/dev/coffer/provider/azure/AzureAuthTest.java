package dev.coffer.provider.azure;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.ProviderException.Kind;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.azure.AzureTestStores;
import dev.coffer.testsupport.azure.FakeKeyVault;
import dev.coffer.testsupport.vault.VaultTestPki;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each authType through azure-identity against the fake's token endpoint, and what validation refuses. */
class AzureAuthTest extends AzureClientTest {


    @Test
    void aServicePrincipalCertificateSignsItsAssertion() {
        VaultTestPki.Issued cert = t.pki.client("coffer-sp", "RSA");
        t.vault.allowClientCertificate("cert-client", cert.cert().getPublicKey());
        t.kube.secret(AzureTestStores.NAMESPACE, "sp-cert", Map.of("id", "cert-client", "pem", cert.certPem() + cert.keyPem()));
        t.vault.putSecret("s", "by-certificate");
        client = t.client(t.storeManifest("""
                      authSecretRef:
                        clientId: {name: sp-cert, key: id}
                        clientCertificate: {name: sp-cert, key: pem}
                """));

        assertThat(utf8(client.getSecret(ref("s")))).isEqualTo("by-certificate");
        assertThat(t.vault.tokenCalls().get(0).form()).containsKey("client_assertion").doesNotContainKey("client_secret");
    }

    @Test
    void workloadIdentityTradesAServiceAccountTokenForTheAnnotatedClient() {
        t.kube.serviceAccount(AzureTestStores.NAMESPACE, "reader", Map.of(
                AzureCredentials.CLIENT_ID_ANNOTATION, "wi-client", AzureCredentials.TENANT_ID_ANNOTATION, FakeKeyVault.TENANT));
        t.kube.tokens(InMemoryKube.FIXED_TOKENS);
        t.vault.allowFederated("wi-client", Set.of(InMemoryKube.tokenFor(AzureTestStores.NAMESPACE, "reader")));
        t.vault.putSecret("s", "federated");
        String manifest = t.storeManifest("""
                      authType: WorkloadIdentity
                      serviceAccountRef: {name: reader, audiences: [extra-aud]}
                """).replace("      tenantId: " + FakeKeyVault.TENANT + "\n", "");
        client = t.client(manifest);

        assertThat(utf8(client.getSecret(ref("s")))).isEqualTo("federated");
        InMemoryKube.TokenRequest request = t.kube.tokenRequests().get(0);
        assertThat(request.name()).isEqualTo("reader");
        assertThat(request.audiences()).containsExactly("api://AzureADTokenExchange", "extra-aud");
        assertThat(t.vault.tokenCalls().get(0).form())
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    }

    @Test
    void workloadIdentityRefusesAClientIdSetTwiceOrNowhere() {
        t.kube.serviceAccount(AzureTestStores.NAMESPACE, "both", Map.of(AzureCredentials.CLIENT_ID_ANNOTATION, "x"));
        t.kube.serviceAccount(AzureTestStores.NAMESPACE, "bare", Map.of());
        assertInvalid(t.storeManifest("""
                      authType: WorkloadIdentity
                      serviceAccountRef: {name: both}
                      authSecretRef:
                        clientId: {name: azure-creds, key: client-id}
                """), "the client id is set twice");
        assertInvalid(t.storeManifest("""
                      authType: WorkloadIdentity
                      serviceAccountRef: {name: bare}
                """), "no client id");
    }

    @Test
    void workloadIdentityFromTheWebhooksEnvironment() throws Exception {
        Path tokenFile = Files.createTempFile("azure-token", ".jwt");
        try {
            Files.writeString(tokenFile, "projected-token\n");
            t.settings.put(AzureCredentials.ENV_CLIENT_ID, "env-client");
            t.settings.put(AzureCredentials.ENV_TENANT_ID, FakeKeyVault.TENANT);
            t.settings.put(AzureCredentials.ENV_TOKEN_FILE, tokenFile.toString());
            t.vault.allowFederated("env-client", Set.of("projected-token"));
            t.vault.putSecret("s", "from-env");
            client = t.client(t.storeManifest("      authType: WorkloadIdentity\n"));

            assertThat(utf8(client.getSecret(ref("s")))).isEqualTo("from-env");
        } finally {
            Files.deleteIfExists(tokenFile);
        }
        t.settings.remove(AzureCredentials.ENV_TOKEN_FILE);
        assertInvalid(t.storeManifest("      authType: WorkloadIdentity\n"), "AZURE_FEDERATED_TOKEN_FILE");
    }

    @Test
    void validationRefusesIncompleteStores() {
        assertInvalid(t.storeManifest("""
                      authSecretRef:
                        clientId: {name: azure-creds, key: client-id}
                """), "exactly one of authSecretRef.clientSecret and authSecretRef.clientCertificate");
        assertInvalid(t.storeManifest("      authType: ServicePrincipal\n"), "ServicePrincipal needs authSecretRef.clientId");
        assertInvalid(t.storeManifest(AzureTestStores.SP_AUTH).replace("vaultUrl: https://", "vaultUrl: http://"),
                "must be an https URL");
        assertInvalid(t.storeManifest(AzureTestStores.SP_AUTH).replaceAll("      customCloudConfig:\n.*\n", "      environmentType: AzureStackCloud\n"),
                "customCloudConfig is required with environmentType AzureStackCloud");
        assertInvalid(t.storeManifest("""
                      authSecretRef:
                        clientId: {name: azure-creds, key: client-id, namespace: other}
                        clientSecret: {name: azure-creds, key: client-secret}
                """), "a SecretStore may only reference Secrets in its own namespace");
    }

    @Test
    void managedIdentityNamesItsIdentityAndNeedsNoSecret() {
        AzureProviderImpl provider = new AzureProviderImpl(t.options());
        var store = t.store(t.storeManifest("""
                      authType: ManagedIdentity
                      identityId: 11111111-2222-3333-4444-555555555555
                """));
        provider.validate(store);
        assertThat(provider.credentialRefs(store)).isEmpty();
        assertThat(provider.clientPerConsumerNamespace(store)).isFalse();
    }

    private void assertInvalid(String manifest, String message) {
        AzureProviderImpl provider = new AzureProviderImpl(t.options());
        assertThatThrownBy(() -> provider.newClient(t.store(manifest)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_CONFIG);
                    assertThat(e.getMessage()).contains(message);
                });
    }

}
