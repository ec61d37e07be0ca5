package dev.coffer.cli;

import dev.coffer.testsupport.vault.VaultTestServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/** render with Vault stores: the token and AppRole Secrets come from the files; the real driver calls a local Vault. */
class RenderVaultTest {

    private final VaultTestServer vault = VaultTestServer.start(Clock.systemUTC())
            .mount("secret", 2).put("secret", "app/db", Map.of("password", "from-vault", "user", "app"));

    @AfterEach
    void stop() {
        vault.close();
    }

    private String render(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "render", "-f", file.toString(), "-o", "json");
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    /** A credentials Secret, a Vault store on it with the given auth block, and the ExternalSecret. */
    private String manifests(String secretData, String authBlock) {
        return """
                apiVersion: v1
                kind: Secret
                metadata: {name: vault-auth, namespace: apps}
                stringData: {%s}
                ---
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: vault, namespace: apps}
                spec:
                  provider:
                    vault:
                      server: %s
                      path: secret
                      version: v2
                      auth:
                %s
                """.formatted(secretData, vault.url(), authBlock.indent(8).stripTrailing()) + externalSecret();
    }

    private static String externalSecret() {
        return """
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db, namespace: apps}
                spec:
                  secretStoreRef: {name: vault}
                  data:
                  - secretKey: password
                    remoteRef: {key: app/db, property: password}
                """;
    }

    @Test
    void withATokenFromTheFiles(@TempDir Path dir) throws Exception {
        vault.token("root-token", 3600, true);
        Path file = dir.resolve("vault.yaml");
        Files.writeString(file, manifests("token: root-token", "tokenSecretRef: {name: vault-auth, key: token}"));
        assertThat(decoded(Serialization.unmarshal(render(file), Secret.class), "password")).isEqualTo("from-vault");
    }

    @Test
    void withAppRoleFromTheFilesAndTheTokenRevokedAfterwards(@TempDir Path dir) throws Exception {
        vault.accept("approle", "rid-1:sid-1");
        Path file = dir.resolve("vault.yaml");
        Files.writeString(file, manifests("secret-id: sid-1", """
                appRole:
                  path: approle
                  roleId: rid-1
                  secretRef: {name: vault-auth, key: secret-id}
                """));
        assertThat(decoded(Serialization.unmarshal(render(file), Secret.class), "password")).isEqualTo("from-vault");
        assertThat(vault.logins()).isEqualTo(1);
        assertThat(vault.revocations()).as("render closes its clients, revoking the login token").isEqualTo(1);
    }
}
