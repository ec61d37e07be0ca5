package dev.coffer.provider.azure;

import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.ExampleStores;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The stores in examples/azure bind to the API classes (unknown fields fail) and pass validation. */
class AzureExamplesTest {

    @Test
    void everyExampleStoreIsValid() {
        List<String> validated = new ArrayList<>();
        for (ExampleStores.Example example : ExampleStores.in(Path.of("examples/azure"), "team-a")) {
            StoreContext store = example.store();
            assertThatCode(() -> new AzureProviderImpl().validate(store)).as(example.file() + " " + store.identity())
                    .doesNotThrowAnyException();
            validated.add(String.valueOf(store.spec().provider.azurekv.authType));
        }
        assertThat(validated).containsExactlyInAnyOrder("ServicePrincipal", "WorkloadIdentity", "ManagedIdentity", "null");
    }
}
