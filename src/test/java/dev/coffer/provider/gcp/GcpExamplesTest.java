package dev.coffer.provider.gcp;

import dev.coffer.api.externalsecrets.v1.providers.GcpSmAuth;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.ExampleStores;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The stores in examples/gcp bind to the API classes (unknown fields fail) and pass validation. */
class GcpExamplesTest {

    @Test
    void everyExampleStoreIsValid() {
        List<String> validated = new ArrayList<>();
        for (ExampleStores.Example example : ExampleStores.in(Path.of("examples/gcp"), "team-a")) {
            StoreContext store = example.store();
            assertThatCode(() -> new GcpProviderImpl().validate(store)).as(example.file() + " " + store.identity())
                    .doesNotThrowAnyException();
            GcpSmAuth auth = store.spec().provider.gcpsm.auth;
            validated.add(auth.secretRef != null ? "key" : auth.workloadIdentity != null ? "workloadIdentity" : "federation");
        }
        assertThat(validated).containsExactlyInAnyOrder("key", "workloadIdentity", "federation");
    }
}
