package dev.coffer.provider.doppler;

import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.ExampleStores;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The stores in examples/doppler and examples/webhook bind to the API classes and pass their provider's checks. */
class DopplerExamplesTest {

    @Test
    void everyExampleStoreIsValid() {
        List<String> validated = new ArrayList<>();
        for (String folder : new String[]{"examples/doppler", "examples/webhook"}) {
            for (ExampleStores.Example example : ExampleStores.in(Path.of(folder), "team-a")) {
                StoreContext store = example.store();
                assertThatCode(() -> ProviderRegistry.standard().forBlock(store.spec().provider).validate(store))
                        .as(example.file() + " " + store.identity()).doesNotThrowAnyException();
                validated.add(store.identity().name());
            }
        }
        assertThat(validated).containsExactlyInAnyOrder("doppler", "doppler-oidc", "doppler-env-file", "inventory-api");
    }
}
