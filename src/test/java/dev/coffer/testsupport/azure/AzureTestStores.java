package dev.coffer.testsupport.azure;

import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.azure.AzureOptions;
import dev.coffer.provider.azure.AzureProviderImpl;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.vault.VaultTestPki;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Wires the azurekv provider to a local {@link FakeKeyVault} (a fresh port each time) with a
 * throw-away CA that the provider trusts through {@link AzureOptions#CA_FILE}. The vault's own
 * URL is also the authority ({@code customCloudConfig.activeDirectoryEndpoint}), and Secret
 * {@code apps/azure-creds} holds a service principal's {@code client-id} and {@code client-secret}.
 */
public final class AzureTestStores implements AutoCloseable {

    public static final String NAMESPACE = "apps";
    public static final String CLIENT_ID = "00000000-0000-0000-0000-00000000c0ff";
    public static final String CLIENT_SECRET = "sp-secret-value";

    public final VaultTestPki pki = new VaultTestPki("azure-test-ca");
    public final FakeKeyVault vault;
    public final InMemoryKube kube = new InMemoryKube().numberedTokens();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final Map<String, String> settings = new HashMap<>();
    private final Path caFile;

    public AzureTestStores() {
        vault = new FakeKeyVault(pki.serverContext(pki.server()));
        vault.allowClientSecret(CLIENT_ID, CLIENT_SECRET);
        kube.secret(NAMESPACE, "azure-creds", Map.of("client-id", CLIENT_ID, "client-secret", CLIENT_SECRET));
        try {
            caFile = Files.createTempFile("azure-test-ca", ".pem");
            Files.writeString(caFile, pki.ca().certPem());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        settings.put(AzureOptions.CA_FILE, caFile.toString());
        // The fake's challenge names https://vault.azure.net while it listens on 127.0.0.1.
        settings.put(AzureOptions.DISABLE_CHALLENGE_RESOURCE_VERIFICATION, "true");
    }

    /** Options for the fake: sharing as in production, retries without waiting so failure tests stay fast. */
    public AzureOptions options() {
        return AzureOptions.defaults().withSettings(settings::get).withMeters(meters)
                .withRetries(2, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    /** Points the operator's own provider (which reads system properties) at this fake. */
    public void useAsSystemProperties() {
        settings.forEach(System::setProperty);
    }

    public void clearSystemProperties() {
        settings.keySet().forEach(System::clearProperty);
    }

    /**
     * The azurekv block (indented for {@code spec.provider}) for this vault with {@code auth}
     * lines (indented 6) after it.
     */
    public String block(String auth) {
        return """
                    azurekv:
                      vaultUrl: %s
                      tenantId: %s
                      customCloudConfig:
                        activeDirectoryEndpoint: %s
                """.formatted(vault.url(), FakeKeyVault.TENANT, vault.url()) + auth;
    }

    /** The auth lines of a service principal reading Secret azure-creds. */
    public static final String SP_AUTH = """
                  authType: ServicePrincipal
                  authSecretRef:
                    clientId: {name: azure-creds, key: client-id}
                    clientSecret: {name: azure-creds, key: client-secret}
            """;

    /** A SecretStore apps/azure manifest with this auth. */
    public String storeManifest(String auth) {
        return """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: azure, namespace: apps}
                spec:
                  provider:
                """ + block(auth);
    }

    public StoreContext store(String manifest) {
        return StoreFixtures.context(manifest, kube, NAMESPACE);
    }

    /** A client for a service-principal store on this vault. */
    public SecretsClient client() {
        return client(storeManifest(SP_AUTH));
    }

    public SecretsClient client(String manifest) {
        return new AzureProviderImpl(options()).newClient(store(manifest));
    }

    public Path caFile() {
        return caFile;
    }

    @Override
    public void close() {
        vault.close();
        try {
            Files.deleteIfExists(caFile);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
