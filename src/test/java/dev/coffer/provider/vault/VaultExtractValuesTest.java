package dev.coffer.provider.vault;

import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static dev.coffer.testsupport.vault.VaultStores.remote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * dataFrom.extract from Vault gives each value as upstream's Vault provider does, through Go's
 * {@code map[string]any}: numbers as float64 written without an exponent, nested objects
 * re-encoded by encoding/json.
 */
class VaultExtractValuesTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryKube kube = new InMemoryKube().secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", "root-token"));
    private final VaultTestServer vault = VaultTestServer.start(clock).mount("secret", 2).token("root-token", 0, false);
    private SecretsClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        vault.close();
    }

    @Test
    void numbersAndNestedValuesComeOutAsGoWritesThem() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exp", 1e21);
        data.put("dec", 1.5);
        data.put("int", 123);
        data.put("flag", true);
        data.put("nested", Map.of("b", "<&>", "a", 1e21));
        vault.put("secret", "app/values", data);
        VaultProvider v = VaultStores.kv2(vault.url());
        v.auth.tokenSecretRef = ref("vault-token", "token");
        client = new VaultProviderImpl(clock, Path.of("/nonexistent")).newClient(VaultStores.context(v, kube));

        Map<String, String> out = new LinkedHashMap<>();
        client.getSecretMap(remote("app/values")).forEach((k, b) -> out.put(k, new String(b, StandardCharsets.UTF_8)));
        assertThat(out).containsExactlyInAnyOrderEntriesOf(Map.of(
                "exp", "1000000000000000000000",
                "dec", "1.5",
                "int", "123",
                "flag", "true",
                "nested", "{\"a\":1e+21,\"b\":\"\\u003c\\u0026\\u003e\"}"));
    }
}
