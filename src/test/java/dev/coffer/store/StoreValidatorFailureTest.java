package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.api.externalsecrets.v1.providers.FakeProvider;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #14, defect 4: every failure of a store validation ends in a result (a condition), never an exception. */
class StoreValidatorFailureTest {

    /** An API server that refuses every read, as RBAC without a grant on Secrets does. */
    private static final class ForbiddingKube implements KubeAccess {
        private final RuntimeException error;

        ForbiddingKube(RuntimeException error) {
            this.error = error;
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            throw error;
        }

        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            throw error;
        }

        @Override
        public String serviceAccountToken(String namespace, String name, List<String> audiences, long expirationSeconds) {
            throw error;
        }

        @Override
        public String apiServerUrl() {
            return "https://127.0.0.1:6443";
        }
    }

    private static StoreValidator.Result validate(RuntimeException error) {
        // a provider that reads a credential Secret, under the fake block's name
        ClientCacheTest.CountingProvider credentialed = new ClientCacheTest.CountingProvider(true, null) {
            @Override
            public String name() {
                return "fake";
            }
        };
        StoreValidator validator = new StoreValidator(new ProviderRegistry(List.of(credentialed)), new ClientCache());
        SecretStoreSpec spec = new SecretStoreSpec();
        spec.provider = new SecretStoreProvider();
        spec.provider.fake = new FakeProvider();
        return validator.validate(new StoreContext(new StoreIdentity(StoreIdentity.SECRET_STORE, "team-a", "s"), 1,
                spec, "team-a", new ForbiddingKube(error)));
    }

    @Test
    void aForbiddenCredentialReadIsAConditionNamingTheRead() {
        StoreValidator.Result r = validate(new KubernetesClientException("secrets is forbidden", 403, null));
        assertThat(r.ready()).isFalse();
        assertThat(r.reason()).isEqualTo("ValidationFailed");
        assertThat(r.message()).contains("HTTP 403").contains("credentials");
    }

    @Test
    void anUnexpectedErrorIsAConditionWithoutItsText() {
        StoreValidator.Result r = validate(new IllegalStateException("canary-s3cr3t"));
        assertThat(r.ready()).isFalse();
        assertThat(r.message()).contains("IllegalStateException").doesNotContain("canary");
    }
}
