package dev.coffer.testsupport.aws;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.api.externalsecrets.v1.providers.AwsAuth;
import dev.coffer.api.externalsecrets.v1.providers.AwsAuthSecretRef;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.aws.AwsOptions;
import dev.coffer.provider.aws.AwsProviderImpl;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.Map;

/**
 * Wires the aws provider to a {@link FakeAws}: ESO's endpoint variables point at it (through
 * an injected environment, not the process one), static keys live in an in-memory Secret, and
 * API calls are counted in a private registry.
 */
public final class AwsTestStores implements AutoCloseable {

    public static final String REGION = "eu-west-1";
    public static final String NAMESPACE = "apps";
    public static final String ACCESS_KEY_ID = "AKIDSTATIC0000000001";

    public final FakeAws aws = FakeAws.start(REGION);
    public final InMemoryKube kube = new InMemoryKube()
            .tokens((namespace, name, n) -> "eyJ.fake-sa-token-" + n)
            .secret(NAMESPACE, "aws-creds", Map.of("access-key", ACCESS_KEY_ID, "secret-key", "static-secret-key"));
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    public AwsTestStores() {
        aws.allowStaticKey(ACCESS_KEY_ID);
    }

    /** Options for the fake endpoint: sharing as in production, unless told otherwise. */
    public AwsOptions options() {
        String endpoint = aws.endpoint().toString();
        Map<String, String> env = Map.of("AWS_SECRETSMANAGER_ENDPOINT", endpoint, "AWS_SSM_ENDPOINT", endpoint,
                "AWS_STS_ENDPOINT", endpoint, "AWS_ECR_ENDPOINT", endpoint);
        return AwsOptions.defaults().withEnv(env::get).withMeters(meters);
    }

    public AwsOptions optionsWithoutSharing() {
        return options().withSharing(false, Duration.ZERO);
    }

    /** An aws block using the static keys of Secret apps/aws-creds. */
    public static AwsProvider block(AwsServiceType service) {
        AwsProvider block = new AwsProvider();
        block.service = service;
        block.region = REGION;
        block.auth = new AwsAuth();
        block.auth.secretRef = new AwsAuthSecretRef();
        block.auth.secretRef.accessKeyIDSecretRef = selector("aws-creds", "access-key");
        block.auth.secretRef.secretAccessKeySecretRef = selector("aws-creds", "secret-key");
        return block;
    }

    public static SecretKeySelector selector(String name, String key) {
        SecretKeySelector s = new SecretKeySelector();
        s.name = name;
        s.key = key;
        return s;
    }

    /** A namespaced SecretStore apps/aws with this block. */
    public StoreContext store(AwsProvider block) {
        return store(block, kube);
    }

    public StoreContext store(AwsProvider block, KubeAccess access) {
        return StoreFixtures.secretStore(NAMESPACE, "aws", spec(block), access);
    }

    /** A ClusterSecretStore "aws-cluster" serving an ExternalSecret in {@code consumerNamespace}. */
    public StoreContext clusterStore(AwsProvider block, String consumerNamespace) {
        return StoreFixtures.clusterStore("aws-cluster", spec(block), consumerNamespace, kube);
    }

    public SecretsClient client(AwsProvider block) {
        return new AwsProviderImpl(options()).newClient(store(block));
    }

    public SecretsClient client(AwsProvider block, AwsOptions options) {
        return new AwsProviderImpl(options).newClient(store(block));
    }

    /** The value of the API-call counter for one (provider, call, status). */
    public double apiCalls(String provider, String call, String status) {
        // A monotonic gauge, so that the exported name is exactly ESO's (see EsoMeters).
        var count = meters.find("externalsecret_provider_api_calls_count")
                .tags("provider", provider, "call", call, "status", status).gauge();
        return count == null ? 0 : count.value();
    }

    /** A store spec with just this aws block. */
    public static SecretStoreSpec spec(AwsProvider block) {
        SecretStoreSpec spec = new SecretStoreSpec();
        spec.provider = new SecretStoreProvider();
        spec.provider.aws = block;
        return spec;
    }

    @Override
    public void close() {
        aws.close();
    }
}
