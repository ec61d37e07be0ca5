package dev.coffer.testsupport;

import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1.providers.FakeProviderData;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;

/** Real fake-provider clients for a SecretStore, built the way the operator builds them. */
public final class FakeStores {

    private FakeStores() {
    }

    public static StoreContext context(SecretStore store) {
        return StoreFixtures.context(store, new InMemoryKube());
    }

    public static SecretsClient client(SecretStore store) {
        StoreContext ctx = context(store);
        var provider = ProviderRegistry.standard().forBlock(store.getSpec().provider);
        provider.validate(ctx);
        return provider.newClient(ctx);
    }

    /** Adds an entry whose value YAML cannot carry (for example a NUL byte), optionally versioned. */
    public static SecretStore with(SecretStore store, String key, String value, String version) {
        FakeProviderData d = new FakeProviderData();
        d.key = key;
        d.value = value;
        d.version = version;
        store.getSpec().provider.fake.data.add(d);
        return store;
    }
}
