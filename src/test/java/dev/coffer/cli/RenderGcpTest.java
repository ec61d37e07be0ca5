package dev.coffer.cli;

import dev.coffer.testsupport.gcp.GcpStoresExtension;
import dev.coffer.testsupport.gcp.GcpTestStores;
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
import static dev.coffer.testsupport.gcp.GcpTestStores.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * render with a gcpsm store: the service-account key Secret comes from the files, the real SDK
 * reads the local Secret Manager, whose endpoint and CA are the provider's settings (system
 * properties here, environment variables in a shell).
 */
class RenderGcpTest {

    @RegisterExtension
    final GcpStoresExtension gcp = new GcpStoresExtension();

    @Test
    void rendersFromSecretManagerWithTheKeyFromTheFiles(@TempDir Path dir) throws Exception {
        gcp.stores().sm.addVersion(PROJECT, "prod-db", "{\"user\":\"app\",\"password\":\"from-gcp\"}");
        Path file = dir.resolve("gcp.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Secret
                metadata: {name: gcp-key, namespace: apps}
                stringData:
                  key.json: '%s'
                ---
                %s---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db, namespace: apps}
                spec:
                  secretStoreRef: {name: gcp}
                  data:
                  - secretKey: password
                    remoteRef: {key: prod-db, property: password}
                  dataFrom:
                  - extract: {key: prod-db}
                """.formatted(gcp.stores().keyJson().replace("'", "''"), GcpTestStores.storeManifest(GcpTestStores.KEY_AUTH)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "render", "-f", file.toString(), "-o", "json");
        assertThat(code).as(err.toString()).isZero();
        Secret secret = Serialization.unmarshal(out.toString(), Secret.class);
        assertThat(decoded(secret, "password")).isEqualTo("from-gcp");
        assertThat(decoded(secret, "user")).isEqualTo("app");
        assertThat(gcp.stores().sm.count("AccessSecretVersion")).as("the extract and the property share one call").isEqualTo(1);
    }
}
