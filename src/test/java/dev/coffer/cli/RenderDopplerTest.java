package dev.coffer.cli;

import dev.coffer.provider.doppler.DopplerOptions;
import dev.coffer.testsupport.doppler.FakeDoppler;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/** render with a doppler store: the token Secret comes from the files, the base URL from DOPPLER_BASE_URL. */
class RenderDopplerTest {

    private final FakeDoppler doppler = new FakeDoppler().serviceToken("dp.st.render", "backend", "prd");

    @AfterEach
    void stop() {
        System.clearProperty(DopplerOptions.BASE_URL);
        doppler.close();
    }

    @Test
    void rendersFromDopplerWithOneDownload(@TempDir Path dir) throws Exception {
        System.setProperty(DopplerOptions.BASE_URL, doppler.baseUrl());
        doppler.secret("backend", "prd", "DB_PASSWORD", "from-doppler").secret("backend", "prd", "DB_USER", "app");
        Path file = dir.resolve("doppler.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Secret
                metadata: {name: doppler-token, namespace: apps}
                stringData: {dopplerToken: dp.st.render}
                ---
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: doppler, namespace: apps}
                spec:
                  provider:
                    doppler:
                      auth:
                        secretRef:
                          dopplerToken: {name: doppler-token}
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db, namespace: apps}
                spec:
                  secretStoreRef: {name: doppler}
                  data:
                  - secretKey: password
                    remoteRef: {key: DB_PASSWORD}
                  dataFrom:
                  - find: {name: {regexp: "^DB_"}}
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "render", "-f", file.toString(), "-o", "json");
        assertThat(code).as(err.toString()).isZero();
        Secret secret = Serialization.unmarshal(out.toString(), Secret.class);
        assertThat(decoded(secret, "password")).isEqualTo("from-doppler");
        assertThat(decoded(secret, "DB_USER")).isEqualTo("app");
        assertThat(doppler.count("/v3/configs/config/secrets/download")).as("the key and the find share one download").isEqualTo(1);
    }
}
