package dev.coffer.cli;

import dev.coffer.testsupport.aws.FakeAws;
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

/**
 * render with an AWS store: the credentials Secret comes from the files, the real SDK client calls
 * a local Secrets Manager endpoint, set through the SDK's own endpoint system property.
 */
class RenderAwsTest {

    private static final String ENDPOINT_PROPERTY = "aws.endpointUrlSecretsManager";

    private final FakeAws aws = FakeAws.start("eu-west-1");

    @AfterEach
    void stop() {
        System.clearProperty(ENDPOINT_PROPERTY);
        aws.close();
    }

    @Test
    void rendersFromSecretsManagerWithStaticKeysFromTheFiles(@TempDir Path dir) throws Exception {
        aws.allowStaticKey("AKIDRENDER0000000001");
        aws.secretsManager().put("prod/db", "{\"user\":\"app\",\"password\":\"from-aws\"}");
        System.setProperty(ENDPOINT_PROPERTY, aws.endpoint().toString());
        Path file = dir.resolve("aws.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Secret
                metadata: {name: aws-creds, namespace: apps}
                stringData: {access-key: AKIDRENDER0000000001, secret-key: render-secret}
                ---
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: sm, namespace: apps}
                spec:
                  provider:
                    aws:
                      service: SecretsManager
                      region: eu-west-1
                      auth:
                        secretRef:
                          accessKeyIDSecretRef: {name: aws-creds, key: access-key}
                          secretAccessKeySecretRef: {name: aws-creds, key: secret-key}
                ---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: db, namespace: apps}
                spec:
                  secretStoreRef: {name: sm}
                  data:
                  - secretKey: password
                    remoteRef: {key: prod/db, property: password}
                  dataFrom:
                  - extract: {key: prod/db}
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "render", "-f", file.toString(), "-o", "json");
        assertThat(code).as(err.toString()).isZero();
        Secret secret = Serialization.unmarshal(out.toString(), Secret.class);
        assertThat(decoded(secret, "password")).isEqualTo("from-aws");
        assertThat(decoded(secret, "user")).isEqualTo("app");
        assertThat(aws.count("GetSecretValue")).as("the extract and the property share one call").isEqualTo(1);
    }
}
