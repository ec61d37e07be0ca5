package dev.coffer.cli;

import dev.coffer.testsupport.azure.AzureStoresExtension;
import dev.coffer.testsupport.azure.AzureTestStores;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * render with an azurekv store: the service principal's Secret comes from the files, the real SDK
 * gets a token from the local authority and reads the local Key Vault, whose CA is the provider's
 * setting (a system property here, an environment variable in a shell).
 */
class RenderAzureTest {

    @RegisterExtension
    final AzureStoresExtension azure = new AzureStoresExtension();

    @Test
    void rendersFromKeyVaultWithTheServicePrincipalFromTheFiles(@TempDir Path dir) throws Exception {
        AzureTestStores t = azure.stores();
        t.vault.putSecret("prod-db", "{\"user\":\"app\",\"password\":\"from-azure\"}");
        t.vault.putSecret("app-token", "tok");
        Path file = dir.resolve("azure.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Secret
                metadata: {name: azure-creds, namespace: apps}
                stringData: {client-id: %s, client-secret: %s}
                ---
                %s---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db, namespace: apps}
                spec:
                  secretStoreRef: {name: azure}
                  data:
                  - secretKey: password
                    remoteRef: {key: prod-db, property: password}
                  dataFrom:
                  - extract: {key: secret/prod-db}
                  - find: {name: {regexp: "^app-"}}
                """.formatted(AzureTestStores.CLIENT_ID, AzureTestStores.CLIENT_SECRET, t.storeManifest(AzureTestStores.SP_AUTH)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "render", "-f", file.toString(), "-o", "json");
        assertThat(code).as(err.toString()).isZero();
        Secret secret = Serialization.unmarshal(out.toString(), Secret.class);
        assertThat(decoded(secret, "password")).isEqualTo("from-azure");
        assertThat(decoded(secret, "user")).isEqualTo("app");
        assertThat(decoded(secret, "app-token")).isEqualTo("tok");
        assertThat(t.vault.count("GetSecret")).as("prod-db read once for the property and the extract, app-token once")
                .isEqualTo(2);
    }
}
