package dev.coffer.peers.aws;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call-sharing figure, counted on moto's side: 1,000 ExternalSecrets over 100 Secrets
 * Manager keys, refreshed together from 50 reconcile workers through one store client, make
 * 100 GetSecretValue calls per cycle; with sharing off (as upstream ESO), 1,000.
 */
@Tag("peers")
class AwsCallSharingMotoTest {

    private static final int EXTERNAL_SECRETS = 1_000;
    private static final int KEYS = 100;
    private static final int WORKERS = 50;

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        try (SecretsManagerClient sm = SecretsManagerClient.builder().endpointOverride(moto.endpoint())
                .region(Region.of(AwsTestStores.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDADMIN", "admin"))).build()) {
            for (int k = 0; k < KEYS; k++) {
                String name = "apps/key-" + k;
                String value = "value-" + k;
                sm.createSecret(b -> b.name(name).secretString(value));
            }
        }
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void thousandExternalSecretsOverHundredKeysMakeHundredCallsPerCycle() throws Exception {
        long ms = cycle(options());
        int calls = moto.calls("GetSecretValue");
        System.out.printf("moto: %d ExternalSecrets over %d keys, sharing on: %d GetSecretValue calls in %d ms%n",
                EXTERNAL_SECRETS, KEYS, calls, ms);
        assertThat(calls).isEqualTo(KEYS);
        assertThat(moto.calls()).containsOnlyKeys("GetSecretValue");
    }

    @Test
    void withoutSharingEveryExternalSecretCalls() throws Exception {
        long ms = cycle(options().withSharing(false, Duration.ZERO));
        int calls = moto.calls("GetSecretValue");
        System.out.printf("moto: %d ExternalSecrets over %d keys, sharing off: %d GetSecretValue calls in %d ms%n",
                EXTERNAL_SECRETS, KEYS, calls, ms);
        assertThat(calls).isEqualTo(EXTERNAL_SECRETS);
    }

    /** One refresh cycle through one store client; returns its duration. Each ExternalSecret checks its value. */
    private static long cycle(AwsOptions options) throws Exception {
        moto.resetCalls();
        InMemoryKube kube = new InMemoryKube().secret(AwsTestStores.NAMESPACE, "aws-creds",
                Map.of("access-key", AwsTestStores.ACCESS_KEY_ID, "secret-key", "static-secret-key"));
        StoreContext store = StoreFixtures.secretStore(AwsTestStores.NAMESPACE, "aws",
                AwsTestStores.spec(AwsTestStores.block(AwsServiceType.SecretsManager)), kube);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        long start = System.nanoTime();
        try (SecretsClient client = new AwsProviderImpl(options).newClient(store)) {
            List<Future<Map.Entry<Integer, String>>> fetches = new ArrayList<>();
            for (int i = 0; i < EXTERNAL_SECRETS; i++) {
                int key = i % KEYS;
                fetches.add(workers.submit(() -> Map.entry(key, new String(client.getSecret(ref("apps/key-" + key)), StandardCharsets.UTF_8))));
            }
            for (Future<Map.Entry<Integer, String>> f : fetches) {
                Map.Entry<Integer, String> got = f.get();
                assertThat(got.getValue()).isEqualTo("value-" + got.getKey());
            }
        } finally {
            workers.shutdownNow();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Production options (default share window), with ESO's endpoint variable pointing at moto. */
    private static AwsOptions options() {
        String endpoint = moto.endpoint().toString();
        Map<String, String> env = Map.of("AWS_SECRETSMANAGER_ENDPOINT", endpoint, "AWS_STS_ENDPOINT", endpoint);
        return AwsOptions.defaults().withEnv(env::get).withMeters(new SimpleMeterRegistry());
    }

    private static ExternalSecretDataRemoteRef ref(String key) {
        ExternalSecretDataRemoteRef r = new ExternalSecretDataRemoteRef();
        r.key = key;
        return r;
    }
}
