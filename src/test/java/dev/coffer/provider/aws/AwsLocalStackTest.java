package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.util.Map;

import static dev.coffer.provider.aws.SecretsManagerTest.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** The happy path against LocalStack's Secrets Manager and SSM; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class AwsLocalStackTest {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices("secretsmanager", "ssm", "sts");

    private StoreContext store(AwsServiceType service, InMemoryKube kube) {
        AwsProvider block = AwsTestStores.block(service);
        block.region = LOCALSTACK.getRegion();
        return StoreFixtures.secretStore("apps", "aws", AwsTestStores.spec(block), kube);
    }

    @Test
    void readsSecretsAndParameters() {
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        try (SecretsManagerClient sm = SecretsManagerClient.builder().endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion())).credentialsProvider(credentials).build();
             SsmClient ssm = SsmClient.builder().endpointOverride(LOCALSTACK.getEndpoint())
                     .region(Region.of(LOCALSTACK.getRegion())).credentialsProvider(credentials).build()) {
            sm.createSecret(b -> b.name("ls/db").secretString("{\"user\":\"admin\",\"password\":\"pw\"}"));
            sm.createSecret(b -> b.name("ls/api").secretString("token"));
            ssm.putParameter(b -> b.name("/ls/param").value("pv").type(ParameterType.SECURE_STRING));
        }
        InMemoryKube kube = new InMemoryKube().secret("apps", "aws-creds",
                Map.of("access-key", LOCALSTACK.getAccessKey(), "secret-key", LOCALSTACK.getSecretKey()));
        String endpoint = LOCALSTACK.getEndpoint().toString();
        AwsProviderImpl provider = new AwsProviderImpl(AwsOptions.defaults().withEnv(Map.of(
                "AWS_SECRETSMANAGER_ENDPOINT", endpoint, "AWS_SSM_ENDPOINT", endpoint, "AWS_STS_ENDPOINT", endpoint)::get));

        try (SecretsClient sm = provider.newClient(store(AwsServiceType.SecretsManager, kube));
             SecretsClient ps = provider.newClient(store(AwsServiceType.ParameterStore, kube))) {
            assertThat(new String(sm.getSecret(ref("ls/db", "password", null)))).isEqualTo("pw");
            assertThat(sm.getSecretMap(ref("ls/db"))).containsOnlyKeys("user", "password");
            ExternalSecretFind find = new ExternalSecretFind();
            find.name = new FindName();
            find.name.regexp = "^ls/";
            assertThat(sm.getAllSecrets(find)).containsOnlyKeys("ls/db", "ls/api");
            assertThat(new String(ps.getSecret(ref("/ls/param")))).isEqualTo("pv");
            sm.validate();
        }
    }
}
