package dev.coffer.provider.fake;

import dev.coffer.api.externalsecrets.v1.providers.FakeProvider;
import dev.coffer.api.externalsecrets.v1.providers.FakeProviderData;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;

/** The {@code fake} provider: static data with versions, straight from the store spec. */
public final class FakeProviderImpl implements Provider {

    private final FakePushedSecrets pushed = new FakePushedSecrets();

    /** The in-memory backend that pushes write to, per store. */
    public FakePushedSecrets pushed() {
        return pushed;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void validate(StoreContext store) {
        FakeProvider block = store.spec().provider.fake;
        if (block.data == null) {
            throw ProviderException.invalidConfig("spec.provider.fake.data is required");
        }
        for (int i = 0; i < block.data.size(); i++) {
            FakeProviderData d = block.data.get(i);
            if (d == null || d.key == null || d.key.isEmpty()) {
                throw ProviderException.invalidConfig("spec.provider.fake.data[" + i + "].key is required");
            }
            if (d.value == null || d.value.isEmpty()) {
                throw ProviderException.invalidConfig("spec.provider.fake.data[" + i + "].value is required");
            }
        }
    }

    @Override
    public SecretsClient newClient(StoreContext store) {
        return new FakeSecretsClient(store.spec().provider.fake, pushed.of(store.identity()));
    }
}
