package dev.coffer.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14, defect 3: a store with one of upstream's provider blocks that Coffer lacks applies
 * unchanged and reports that provider as not supported, rather than "found none".
 */
class UnsupportedProviderTest {

    private static final Set<String> IMPLEMENTED = Set.of("aws", "azurekv", "doppler", "fake", "gcpsm", "kubernetes", "vault", "webhook");

    private static final String ONEPASSWORD_STORE = """
            apiVersion: external-secrets.io/v1
            kind: SecretStore
            metadata: {name: op, namespace: team-a}
            spec:
              provider:
                onepassword:
                  connectHost: https://op-connect.example
                  vaults: {production: 1}
                  auth:
                    secretRef:
                      connectTokenSecretRef: {name: op-token, key: token}
            """;

    @Test
    void aOnePasswordStoreIsNotReadyWithAClearReason() {
        SecretStore store = Serialization.unmarshal(ONEPASSWORD_STORE, SecretStore.class);
        StoreValidator validator = new StoreValidator(ProviderRegistry.standard(), new ClientCache());

        StoreValidator.Result r = validator.validate(new StoreContext(new StoreIdentity(StoreIdentity.SECRET_STORE, "team-a", "op"),
                1, store.getSpec(), "team-a", null));

        assertThat(r.ready()).isFalse();
        assertThat(r.reason()).isEqualTo("InvalidStoreConfiguration");
        assertThat(r.message()).isEqualTo("provider onepassword is not supported by Coffer");
    }

    @Test
    void theUnimplementedBlockKeepsItsContentThroughARoundTrip() {
        SecretStore store = Serialization.unmarshal(ONEPASSWORD_STORE, SecretStore.class);
        String back = Serialization.asYaml(store);
        assertThat(back).contains("connectHost: \"https://op-connect.example\"").contains("connectTokenSecretRef");
    }

    @ParameterizedTest
    @ValueSource(strings = {"external-secrets.io_secretstores.yaml", "external-secrets.io_clustersecretstores.yaml"})
    void theCrdKeepsEveryUpstreamProviderKey(String file) throws IOException {
        JsonNode provider = new YAMLMapper().readTree(Path.of("crds", file).toFile())
                .at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/provider/properties");
        List<String> keys = new ArrayList<>();
        provider.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).hasSize(43).contains("onepassword", "onepasswordSDK", "openBao", "akeyless", "yandexlockbox");
        for (String key : keys) {
            boolean preserves = provider.path(key).path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            assertThat(preserves).as("%s preserves unknown fields", key).isEqualTo(!IMPLEMENTED.contains(key));
        }
    }
}
