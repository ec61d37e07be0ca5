package dev.coffer.peers.aws;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.aws.AwsOptions;
import dev.coffer.provider.aws.AwsProviderImpl;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.aws.AwsTestStores;
import dev.coffer.testsupport.peers.MotoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Versions, stages and find filters as moto (modelled on AWS) answers them, through Coffer's
 * AWS provider with a static key: Secrets Manager versions by id and by custom stage, Parameter
 * Store versions, and ListSecrets filters, which AWS matches by prefix, case-sensitively, with
 * tag keys and tag values matched independently of each other (ESO relies on them as they are).
 */
@Tag("peers")
class AwsVersionsAndFindMotoTest {

    private static MotoServer moto;
    private static String firstVersionId;
    private SecretsClient sm;
    private SecretsClient ps;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        var admin = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDADMIN", "admin"));
        try (SecretsManagerClient client = SecretsManagerClient.builder().endpointOverride(moto.endpoint())
                .region(Region.of(AwsTestStores.REGION)).credentialsProvider(admin).build();
             SsmClient ssm = SsmClient.builder().endpointOverride(moto.endpoint())
                     .region(Region.of(AwsTestStores.REGION)).credentialsProvider(admin).build()) {
            firstVersionId = client.createSecret(b -> b.name("rotating").secretString("one")).versionId();
            String second = client.putSecretValue(b -> b.secretId("rotating").secretString("two")).versionId();
            client.putSecretValue(b -> b.secretId("rotating").secretString("three"));
            // labelled last: moto (unlike AWS) drops custom labels from the version PutSecretValue makes AWSPREVIOUS
            client.updateSecretVersionStage(b -> b.secretId("rotating").versionStage("CANARY").moveToVersionId(second));

            tagged(client, "prod/exact", "team", "payments");
            tagged(client, "prod/longer-value", "team", "payments-eu");
            tagged(client, "prod/key-elsewhere", "owner", "payments");
            client.tagResource(b -> b.secretId("prod/key-elsewhere").tags(t -> t.key("team").value("search")));
            tagged(client, "prod/other-team", "team", "search");
            tagged(client, "Prod/upper", "team", "payments");

            for (int v = 1; v <= 3; v++) {
                String value = "p" + v;
                ssm.putParameter(b -> b.name("/app/param").value(value).type(ParameterType.SECURE_STRING).overwrite(true));
            }
        }
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @AfterEach
    void close() {
        if (sm != null) {
            sm.close();
        }
        if (ps != null) {
            ps.close();
        }
    }

    private SecretsClient client(AwsServiceType service) {
        InMemoryKube kube = new InMemoryKube().secret(AwsTestStores.NAMESPACE, "aws-creds",
                Map.of("access-key", AwsTestStores.ACCESS_KEY_ID, "secret-key", "static-secret-key"));
        StoreContext store = StoreFixtures.secretStore(AwsTestStores.NAMESPACE, "aws",
                AwsTestStores.spec(AwsTestStores.block(service)), kube);
        String endpoint = moto.endpoint().toString();
        Map<String, String> env = Map.of("AWS_SECRETSMANAGER_ENDPOINT", endpoint, "AWS_SSM_ENDPOINT", endpoint);
        return new AwsProviderImpl(AwsOptions.defaults().withEnv(env::get).withMeters(new SimpleMeterRegistry())).newClient(store);
    }

    private static String read(SecretsClient c, String key, String version) {
        ExternalSecretDataRemoteRef r = new ExternalSecretDataRemoteRef();
        r.key = key;
        r.version = version;
        return new String(c.getSecret(r), StandardCharsets.UTF_8);
    }

    @Test
    void secretsManagerVersionsByStageAndById() {
        sm = client(AwsServiceType.SecretsManager);
        assertThat(read(sm, "rotating", null)).isEqualTo("three");
        assertThat(read(sm, "rotating", "AWSPREVIOUS")).isEqualTo("two");
        assertThat(read(sm, "rotating", "CANARY")).isEqualTo("two");
        assertThat(read(sm, "rotating", "uuid/" + firstVersionId)).isEqualTo("one");
        assertThat(read(sm, "rotating", firstVersionId)).isEqualTo("one");
        assertThatThrownBy(() -> read(sm, "rotating", "NO-SUCH-STAGE")).isInstanceOf(ProviderException.class)
                .extracting("kind").isEqualTo(ProviderException.Kind.NOT_FOUND);
        // the signature carries the store's static key
        assertThat(moto.requests()).filteredOn(c -> c.operation().equals("GetSecretValue"))
                .extracting(MotoServer.Call::accessKeyId).containsOnly(AwsTestStores.ACCESS_KEY_ID);
    }

    @Test
    void parameterStoreVersions() {
        ps = client(AwsServiceType.ParameterStore);
        assertThat(read(ps, "/app/param", null)).isEqualTo("p3");
        assertThat(read(ps, "/app/param", "1")).isEqualTo("p1");
        // the parameter exists, only the version does not (ParameterVersionNotFound): a plain
        // error as in ESO, never "the remote secret is gone", which would drive deletionPolicy
        assertThatThrownBy(() -> read(ps, "/app/param", "9")).isInstanceOf(ProviderException.class)
                .extracting("kind").isEqualTo(ProviderException.Kind.MISSING_VALUE);
    }

    @Test
    void findFiltersMatchByPrefixCaseSensitivelyAndTagKeysAndValuesIndependently() {
        sm = client(AwsServiceType.SecretsManager);
        ExternalSecretFind find = new ExternalSecretFind();
        find.path = "prod/";
        find.tags = Map.of("team", "payments");
        // "payments-eu" starts with "payments"; prod/key-elsewhere has a "team" key and a "payments" value on different tags
        assertThat(sm.getAllSecrets(find)).containsOnlyKeys("prod/exact", "prod/longer-value", "prod/key-elsewhere");

        ExternalSecretFind byPath = new ExternalSecretFind();
        byPath.path = "Prod/";
        assertThat(sm.getAllSecrets(byPath)).as("the name filter is case-sensitive").containsOnlyKeys("Prod/upper");
    }

    private static void tagged(SecretsManagerClient client, String name, String key, String value) {
        client.createSecret(b -> b.name(name).secretString(name + "-value").tags(t -> t.key(key).value(value)));
    }
}
