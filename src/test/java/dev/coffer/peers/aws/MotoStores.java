package dev.coffer.peers.aws;

import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
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

import java.util.Map;
import java.util.function.Consumer;

/** Coffer's AWS provider pointed at moto, with the static keys of Secret apps/aws-creds. */
final class MotoStores {

    private MotoStores() {
    }

    /**
     * A client of a store of {@code service} whose endpoint is moto's.
     *
     * @param endpointVariable the provider's endpoint override variable for the service
     * @param spec             changes to the store spec before the client is made
     */
    static SecretsClient client(MotoServer moto, AwsServiceType service, String endpointVariable, Consumer<SecretStoreSpec> spec) {
        InMemoryKube kube = new InMemoryKube().secret(AwsTestStores.NAMESPACE, "aws-creds",
                Map.of("access-key", AwsTestStores.ACCESS_KEY_ID, "secret-key", "static-secret-key"));
        StoreContext store = StoreFixtures.secretStore(AwsTestStores.NAMESPACE, "aws",
                AwsTestStores.spec(AwsTestStores.block(service)), kube);
        spec.accept(store.spec());
        Map<String, String> env = Map.of(endpointVariable, moto.endpoint().toString());
        return new AwsProviderImpl(AwsOptions.defaults().withEnv(env::get).withMeters(new SimpleMeterRegistry())).newClient(store);
    }

    /** How many calls of {@code operation} moto recorded. */
    static long calls(MotoServer moto, String operation) {
        return moto.requests().stream().filter(c -> c.operation().equals(operation)).count();
    }
}
