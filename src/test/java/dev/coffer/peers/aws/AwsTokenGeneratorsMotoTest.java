package dev.coffer.peers.aws;

import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.api.generators.v1alpha1.ECRAuthorizationTokenSpec;
import dev.coffer.api.generators.v1alpha1.STSSessionTokenRequestParameters;
import dev.coffer.api.generators.v1alpha1.STSSessionTokenSpec;
import dev.coffer.generator.Generator;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.generator.aws.EcrAuthorizationTokenGenerator;
import dev.coffer.generator.aws.StsSessionTokenGenerator;
import dev.coffer.provider.aws.AwsOptions;
import dev.coffer.testsupport.aws.AwsTestStores;
import dev.coffer.testsupport.peers.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** STSSessionToken and ECRAuthorizationToken against moto, through the aws provider's credential chain. */
@Tag("peers")
class AwsTokenGeneratorsMotoTest {

    private static MotoServer moto;
    private final AwsTestStores stores = new AwsTestStores();

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @AfterEach
    void closeStores() {
        stores.close();
    }

    private AwsOptions options() {
        String endpoint = moto.endpoint().toString();
        Map<String, String> env = Map.of("AWS_STS_ENDPOINT", endpoint, "AWS_ECR_ENDPOINT", endpoint);
        return AwsOptions.defaults().withEnv(env::get).withMeters(stores.meters);
    }

    private Map<String, String> generate(Generator generator, String kind, Object spec) {
        Map<String, String> out = new TreeMap<>();
        generator.generate(new ResolvedGenerator(kind, "gen", false, 1, spec, "f"),
                        new GeneratorContext(AwsTestStores.NAMESPACE, stores.kube, null)).values()
                .forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void getSessionTokenGivesCredentialsForTheAskedDuration() {
        moto.resetCalls();
        STSSessionTokenSpec spec = new STSSessionTokenSpec();
        spec.region = AwsTestStores.REGION;
        spec.auth = AwsTestStores.block(AwsServiceType.SecretsManager).auth;
        spec.requestParameters = new STSSessionTokenRequestParameters();
        spec.requestParameters.sessionDuration = 1800;
        Map<String, String> out = generate(new StsSessionTokenGenerator(options()), "STSSessionToken", spec);

        assertThat(out).containsOnlyKeys("access_key_id", "secret_access_key", "session_token", "expiration");
        assertThat(out.get("access_key_id")).isNotBlank();
        assertThat(out.get("secret_access_key")).isNotBlank();
        assertThat(out.get("session_token")).isNotBlank();
        assertThat(Long.parseLong(out.get("expiration"))).isCloseTo(Instant.now().plusSeconds(1800).getEpochSecond(), within(120L));
        assertThat(moto.requests()).anySatisfy(c -> {
            assertThat(c.operation()).isEqualTo("GetSessionToken");
            assertThat(c.accessKeyId()).isEqualTo(AwsTestStores.ACCESS_KEY_ID);
            assertThat(MotoServer.formField(c.body(), "DurationSeconds")).isEqualTo("1800");
        });
    }

    @Test
    void getAuthorizationTokenGivesADockerLogin() {
        ECRAuthorizationTokenSpec spec = new ECRAuthorizationTokenSpec();
        spec.region = AwsTestStores.REGION;
        spec.auth = AwsTestStores.block(AwsServiceType.SecretsManager).auth;
        Map<String, String> out = generate(new EcrAuthorizationTokenGenerator(options()), "ECRAuthorizationToken", spec);

        assertThat(out).containsOnlyKeys("username", "password", "proxy_endpoint", "expires_at");
        assertThat(out.get("username")).isEqualTo("AWS");
        assertThat(out.get("password")).isNotBlank();
        assertThat(out.get("proxy_endpoint")).startsWith("https://").contains(".dkr.ecr." + AwsTestStores.REGION + ".amazonaws.com");
        // moto answers a fixed expiresAt (2015-01-01T00:00:00Z): Unix seconds of exactly that.
        assertThat(out.get("expires_at")).isEqualTo(Long.toString(Instant.parse("2015-01-01T00:00:00Z").getEpochSecond()));
    }
}
