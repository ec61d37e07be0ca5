package dev.coffer.generator.aws;

import dev.coffer.api.externalsecrets.v1.providers.AwsAuth;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.api.generators.v1alpha1.ECRAuthorizationTokenSpec;
import dev.coffer.api.generators.v1alpha1.STSSessionTokenRequestParameters;
import dev.coffer.api.generators.v1alpha1.STSSessionTokenSpec;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.provider.ProviderException;
import dev.coffer.testsupport.aws.AwsRequest;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * STSSessionToken and ECRAuthorizationToken against the wire-level fake AWS endpoint (SigV4
 * scopes and keys checked), through the aws provider's credential chain.
 */
class AwsTokenGeneratorsTest {

    private final AwsTestStores stores = new AwsTestStores();
    private final GeneratorContext ctx = new GeneratorContext(AwsTestStores.NAMESPACE, stores.kube, null);

    @AfterEach
    void close() {
        stores.close();
    }

    private static AwsAuth staticKeys() {
        return AwsTestStores.block(AwsServiceType.SecretsManager).auth;
    }

    private static Map<String, String> utf8(Map<String, byte[]> values) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    private Map<String, String> sts(STSSessionTokenSpec spec) {
        return utf8(new StsSessionTokenGenerator(stores.options())
                .generate(new ResolvedGenerator("STSSessionToken", "session", false, 1, spec, "f"), ctx).values());
    }

    private Map<String, String> ecr(ECRAuthorizationTokenSpec spec) {
        return utf8(new EcrAuthorizationTokenGenerator(stores.options())
                .generate(new ResolvedGenerator("ECRAuthorizationToken", "registry", false, 1, spec, "f"), ctx).values());
    }

    @Test
    void stsSessionTokenReturnsUpstreamsKeysAndPassesTheRequestParameters() {
        STSSessionTokenSpec spec = new STSSessionTokenSpec();
        spec.region = AwsTestStores.REGION;
        spec.auth = staticKeys();
        spec.requestParameters = new STSSessionTokenRequestParameters();
        spec.requestParameters.sessionDuration = 3600;
        spec.requestParameters.serialNumber = "arn:aws:iam::123456789012:mfa/ci";
        spec.requestParameters.tokenCode = "123456";
        Map<String, String> out = sts(spec);

        assertThat(out).containsOnlyKeys("access_key_id", "secret_access_key", "session_token", "expiration");
        assertThat(out.get("access_key_id")).startsWith("ASIAFAKE");
        assertThat(stores.aws.principalOf(out.get("access_key_id"))).as("credentials of the caller itself")
                .isEqualTo(AwsTestStores.ACCESS_KEY_ID);
        assertThat(Long.parseLong(out.get("expiration"))).isCloseTo(Instant.now().plusSeconds(3600).getEpochSecond(), within(60L));
        AwsRequest call = stores.aws.requests().stream().filter(r -> r.operation().equals("GetSessionToken")).findFirst().orElseThrow();
        assertThat(call.accessKeyId()).isEqualTo(AwsTestStores.ACCESS_KEY_ID);
        assertThat(call.form()).containsEntry("DurationSeconds", "3600")
                .containsEntry("SerialNumber", "arn:aws:iam::123456789012:mfa/ci").containsEntry("TokenCode", "123456");
    }

    @Test
    void stsSessionTokenAssumesTheRoleFirstWhenOneIsSet() {
        stores.aws.sts().role("arn:aws:iam::123456789012:role/minter", AwsTestStores.ACCESS_KEY_ID, null);
        STSSessionTokenSpec spec = new STSSessionTokenSpec();
        spec.region = AwsTestStores.REGION;
        spec.auth = staticKeys();
        spec.role = "arn:aws:iam::123456789012:role/minter";
        Map<String, String> out = sts(spec);
        assertThat(stores.aws.principalOf(out.get("access_key_id"))).isEqualTo("arn:aws:iam::123456789012:role/minter");
        assertThat(stores.aws.requests()).extracting(AwsRequest::operation).containsExactly("AssumeRole", "GetSessionToken");
    }

    @Test
    void aRejectedCallIsATypedErrorNamingTheGeneratorWithoutAwsText() {
        stores.aws.fail("GetSessionToken", -1, 403, "AccessDenied", "secret-detail-in-aws-text");
        STSSessionTokenSpec spec = new STSSessionTokenSpec();
        spec.region = AwsTestStores.REGION;
        spec.auth = staticKeys();
        assertThatThrownBy(() -> sts(spec)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
            assertThat(e.getMessage()).contains("GetSessionToken for STSSessionToken apps/session").contains("AccessDenied")
                    .doesNotContain("secret-detail");
        });
    }

    @Test
    void ecrAuthorizationTokenSplitsTheTokenIntoUpstreamsKeys() {
        ECRAuthorizationTokenSpec spec = new ECRAuthorizationTokenSpec();
        spec.region = AwsTestStores.REGION;
        spec.auth = staticKeys();
        Map<String, String> out = ecr(spec);
        assertThat(out).containsOnlyKeys("username", "password", "proxy_endpoint", "expires_at");
        assertThat(out.get("username")).isEqualTo("AWS");
        assertThat(out.get("password")).startsWith("ecr-password-").endsWith("-for-" + AwsTestStores.ACCESS_KEY_ID);
        assertThat(out.get("proxy_endpoint")).isEqualTo("https://123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(Long.parseLong(out.get("expires_at"))).isCloseTo(Instant.now().plusSeconds(12 * 3600).getEpochSecond(), within(60L));
        assertThat(stores.aws.requests()).singleElement().satisfies(r -> assertThat(r.service()).isEqualTo("ecr"));
    }

    @Test
    void ecrPublicScopeAndAMissingRegionAreOneLineConfigErrors() {
        ECRAuthorizationTokenSpec spec = new ECRAuthorizationTokenSpec();
        spec.region = AwsTestStores.REGION;
        spec.scope = "public";
        assertThatThrownBy(() -> ecr(spec)).isInstanceOf(ProviderException.class)
                .hasMessage("ECRAuthorizationToken apps/registry: scope \"public\" (ECR Public) is not supported by Coffer yet");
        ECRAuthorizationTokenSpec noRegion = new ECRAuthorizationTokenSpec();
        assertThatThrownBy(() -> ecr(noRegion)).isInstanceOf(ProviderException.class)
                .hasMessage("ECRAuthorizationToken apps/registry: spec.region is required");
        assertThat(stores.aws.requests()).isEmpty();
    }
}
