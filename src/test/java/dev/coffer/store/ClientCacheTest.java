package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import dev.coffer.provider.Provider;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.testsupport.InMemoryKube;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCacheTest {

    static final class CountingClient implements SecretsClient {
        final int id;
        boolean closed;

        CountingClient(int id) {
            this.id = id;
        }

        @Override
        public String providerName() {
            return "counting";
        }

        @Override
        public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
            return new byte[0];
        }

        @Override
        public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
            return Map.of();
        }

        @Override
        public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
            return Map.of();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Counts newClient calls; reads credentials from the Secret "creds" (key "token") when asked to. */
    static class CountingProvider implements Provider {
        final List<CountingClient> built = new ArrayList<>();
        final String credentialNamespace;
        final boolean usesCredentials;

        CountingProvider(boolean usesCredentials, String credentialNamespace) {
            this.usesCredentials = usesCredentials;
            this.credentialNamespace = credentialNamespace;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void validate(StoreContext store) {
        }

        @Override
        public List<SecretKeySelector> credentialRefs(StoreContext store) {
            if (!usesCredentials) {
                return List.of();
            }
            SecretKeySelector ref = new SecretKeySelector();
            ref.name = "creds";
            ref.key = "token";
            ref.namespace = credentialNamespace;
            return List.of(ref);
        }

        @Override
        public SecretsClient newClient(StoreContext store) {
            CountingClient c = new CountingClient(built.size());
            built.add(c);
            return c;
        }
    }

    private final InMemoryKube kube = new InMemoryKube().secret("team-a", "creds", Map.of("token", "t1"));
    private final StoreIdentity store = new StoreIdentity(StoreIdentity.SECRET_STORE, "team-a", "s");

    private StoreContext ctx(StoreIdentity id, long generation, String consumer) {
        return new StoreContext(id, generation, new SecretStoreSpec(), consumer, kube);
    }

    @Test
    void sameStoreAndGenerationReuseOneClient() {
        ClientCache cache = new ClientCache();
        CountingProvider p = new CountingProvider(true, null);
        SecretsClient a = cache.get(ctx(store, 1, "team-a"), p);
        SecretsClient b = cache.get(ctx(store, 1, "team-a"), p);
        assertThat(b).isSameAs(a);
        assertThat(p.built).hasSize(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void newGenerationBuildsANewClientAndClosesTheOldOne() {
        ClientCache cache = new ClientCache();
        CountingProvider p = new CountingProvider(false, null);
        CountingClient g1 = (CountingClient) cache.get(ctx(store, 1, "team-a"), p);
        CountingClient g2 = (CountingClient) cache.get(ctx(store, 2, "team-a"), p);
        assertThat(g2).isNotSameAs(g1);
        assertThat(g1.closed).isTrue();
        assertThat(g2.closed).isFalse();
        assertThat(p.built).hasSize(2);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get(ctx(store, 2, "team-a"), p)).isSameAs(g2);
    }

    @Test
    void rotatedCredentialsBuildANewClient() {
        ClientCache cache = new ClientCache();
        CountingProvider p = new CountingProvider(true, null);
        CountingClient before = (CountingClient) cache.get(ctx(store, 1, "team-a"), p);
        kube.secret("team-a", "creds", Map.of("token", "t2"));
        CountingClient after = (CountingClient) cache.get(ctx(store, 1, "team-a"), p);
        assertThat(after).isNotSameAs(before);
        assertThat(before.closed).isTrue();
        assertThat(p.built).hasSize(2);
        // unchanged credentials again: reused
        assertThat(cache.get(ctx(store, 1, "team-a"), p)).isSameAs(after);
    }

    @Test
    void evictClosesTheStoresClientsOnly() {
        ClientCache cache = new ClientCache();
        CountingProvider p = new CountingProvider(false, null);
        StoreIdentity other = new StoreIdentity(StoreIdentity.SECRET_STORE, "team-a", "other");
        CountingClient mine = (CountingClient) cache.get(ctx(store, 1, "team-a"), p);
        CountingClient theirs = (CountingClient) cache.get(ctx(other, 1, "team-a"), p);
        assertThat(cache.size()).isEqualTo(2);
        cache.evict(store);
        assertThat(mine.closed).isTrue();
        assertThat(theirs.closed).isFalse();
        assertThat(cache.size()).isEqualTo(1);
        // a later get builds afresh
        assertThat(cache.get(ctx(store, 1, "team-a"), p)).isNotSameAs(mine);
    }

    @Test
    void clusterStoreWithNamespaceLessCredentialsKeepsOneClientPerConsumerNamespace() {
        kube.secret("team-b", "creds", Map.of("token", "tb"));
        ClientCache cache = new ClientCache();
        CountingProvider p = new CountingProvider(true, null);
        StoreIdentity css = new StoreIdentity(StoreIdentity.CLUSTER_SECRET_STORE, null, "css");
        CountingClient a = (CountingClient) cache.get(ctx(css, 1, "team-a"), p);
        CountingClient b = (CountingClient) cache.get(ctx(css, 1, "team-b"), p);
        assertThat(b).isNotSameAs(a);
        assertThat(a.closed).isFalse();
        assertThat(cache.get(ctx(css, 1, "team-a"), p)).isSameAs(a);
        assertThat(p.built).hasSize(2);
    }

    @Test
    void clusterStoreWithFixedCredentialNamespaceSharesOneClient() {
        ClientCache cache = new ClientCache();
        CountingProvider p = new CountingProvider(true, "team-a");
        StoreIdentity css = new StoreIdentity(StoreIdentity.CLUSTER_SECRET_STORE, null, "css");
        SecretsClient a = cache.get(ctx(css, 1, "team-a"), p);
        SecretsClient b = cache.get(ctx(css, 1, "team-b"), p);
        assertThat(b).isSameAs(a);
        assertThat(p.built).hasSize(1);
    }

    @Test
    void clusterStoreWhoseProviderDependsOnTheConsumerNamespaceKeepsOneClientPerNamespace() {
        ClientCache cache = new ClientCache();
        CountingProvider p = new CountingProvider(false, null) {
            @Override
            public boolean clientPerConsumerNamespace(StoreContext store) {
                return true;
            }
        };
        StoreIdentity css = new StoreIdentity(StoreIdentity.CLUSTER_SECRET_STORE, null, "css");
        SecretsClient a = cache.get(ctx(css, 1, "team-a"), p);
        SecretsClient b = cache.get(ctx(css, 1, "team-b"), p);
        assertThat(b).isNotSameAs(a);
        assertThat(cache.get(ctx(css, 1, "team-a"), p)).isSameAs(a);
        assertThat(p.built).hasSize(2);
    }

    @Test
    void closeClosesEverything() {
        ClientCache cache = new ClientCache();
        CountingProvider p = new CountingProvider(false, null);
        CountingClient a = (CountingClient) cache.get(ctx(store, 1, "team-a"), p);
        cache.close();
        assertThat(a.closed).isTrue();
        assertThat(cache.size()).isZero();
    }

    /** Issue #14, defect 2: a new generation whose spec is invalid builds no client, yet the old one closes. */
    @Test
    void aNewGenerationThatFailsValidationStillClosesTheOldClient() {
        ClientCache cache = new ClientCache();
        CountingProvider p = new CountingProvider(false, null);
        StoreValidator validator = new StoreValidator(dev.coffer.store.ProviderRegistry.standard(), cache);
        CountingClient g1 = (CountingClient) cache.get(ctx(store, 1, "team-a"), p);
        StoreValidator.Result invalid = validator.validate(ctx(store, 2, "team-a")); // no provider block at all
        assertThat(invalid.ready()).isFalse();
        assertThat(g1.closed).isTrue();
        assertThat(cache.size("team-a")).isZero();
    }

    @Test
    void forgettingADeletedStoreClosesAllItsClientsAndNoOtherStoresClients() {
        ClientCache cache = new ClientCache();
        CountingProvider p = new CountingProvider(false, null);
        StoreIdentity other = new StoreIdentity(StoreIdentity.SECRET_STORE, "team-a", "other");
        CountingClient mine = (CountingClient) cache.get(ctx(store, 1, "team-a"), p);
        CountingClient theirs = (CountingClient) cache.get(ctx(other, 1, "team-a"), p);
        new StoreValidator(dev.coffer.store.ProviderRegistry.standard(), cache).forget(store);
        assertThat(mine.closed).isTrue();
        assertThat(theirs.closed).isFalse();
        assertThat(cache.size()).isEqualTo(1);
    }
}
