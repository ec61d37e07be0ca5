package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.SecretStoreProvider;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.aws.AwsProviderImpl;
import dev.coffer.provider.azure.AzureProviderImpl;
import dev.coffer.provider.doppler.DopplerProviderImpl;
import dev.coffer.provider.fake.FakeProviderImpl;
import dev.coffer.provider.gcp.GcpProviderImpl;
import dev.coffer.provider.kubernetes.KubernetesProviderImpl;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.provider.webhook.WebhookProviderImpl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the provider for a store by the key of its single provider block. Plain Java, so the
 * operator and the {@code render} command share it.
 */
public final class ProviderRegistry {

    private final Map<String, Provider> providers = new LinkedHashMap<>();

    public ProviderRegistry(List<Provider> providers) {
        for (Provider p : providers) {
            this.providers.put(p.name(), p);
        }
    }

    /** Every backend Coffer ships. Add a new provider here. */
    public static ProviderRegistry standard() {
        return new ProviderRegistry(List.of(
                new FakeProviderImpl(),
                new KubernetesProviderImpl(),
                new AwsProviderImpl(),
                new VaultProviderImpl(),
                new GcpProviderImpl(),
                new AzureProviderImpl(),
                new DopplerProviderImpl(),
                new WebhookProviderImpl()));
    }

    /** The provider for a store's provider block; INVALID_CONFIG unless exactly one known block is set. */
    public Provider forBlock(SecretStoreProvider block) {
        List<String> set = setBlocks(block);
        if (set.isEmpty()) {
            throw ProviderException.invalidConfig("spec.provider must set exactly one provider block, found none");
        }
        if (set.size() > 1) {
            throw ProviderException.invalidConfig("spec.provider must set exactly one provider block, found " + set);
        }
        Provider p = providers.get(set.get(0));
        if (p == null) {
            throw ProviderException.invalidConfig("provider " + set.get(0) + " is not supported by Coffer");
        }
        return p;
    }

    /** The names of the provider blocks set on a store (normally one). */
    public static List<String> setBlocks(SecretStoreProvider block) {
        List<String> names = new ArrayList<>();
        if (block == null) {
            return names;
        }
        for (Field f : SecretStoreProvider.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                if (f.get(block) != null) {
                    names.add(f.getName());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }
}
