package dev.coffer.provider.fake;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.FakeStores;
import dev.coffer.testsupport.TableSource;
import dev.coffer.testsupport.Tables;
import dev.coffer.testsupport.TestResources;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs src/test/resources/shaping/eso-fake-provider.yaml (ESO's fake provider tests) against the fake provider. */
class FakeProviderTableTest {

    @ParameterizedTest(name = "{0}")
    @TableSource("shaping/eso-fake-provider.yaml")
    void servesAsUpstream(String name, Map<String, Object> c) throws Exception {
        SecretStore store = TestResources.secretStore("team-a", "fake",
                "fake:\n  data: " + Serialization.asJson(c.get("data")));
        Callable<Object> op = operation((String) c.get("op"), Serialization.asJson(c.get("ref")), store);
        Object error = c.get("error");
        if ("notFound".equals(error)) {
            assertThatThrownBy(op::call).isInstanceOf(ProviderException.class)
                    .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
        } else if (error != null) {
            assertThatThrownBy(op::call).isInstanceOf(ProviderException.class).hasMessageContaining((String) error)
                    .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
        } else {
            assertThat(op.call()).isEqualTo(c.get("want") instanceof Map<?, ?> m ? Tables.text(Tables.bytes(m)) : c.get("want"));
        }
    }

    /** The case's operation; its result as text ("valid" for a store that validates). */
    private static Callable<Object> operation(String op, String ref, SecretStore store) {
        return switch (op) {
            case "validate" -> () -> {
                new FakeProviderImpl().validate(FakeStores.context(store));
                return "valid";
            };
            case "find" -> () -> Tables.text(client(store).getAllSecrets(Serialization.unmarshal(ref, ExternalSecretFind.class)));
            case "get" -> () -> new String(client(store).getSecret(Serialization.unmarshal(ref, ExternalSecretDataRemoteRef.class)),
                    StandardCharsets.UTF_8);
            case "getMap" -> () -> Tables.text(client(store).getSecretMap(Serialization.unmarshal(ref, ExternalSecretDataRemoteRef.class)));
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private static SecretsClient client(SecretStore store) {
        return new FakeProviderImpl().newClient(FakeStores.context(store));
    }
}
