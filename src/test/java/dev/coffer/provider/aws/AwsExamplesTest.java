package dev.coffer.provider.aws;

import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.ExampleStores;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The stores in examples/aws bind to the API classes (unknown fields fail) and pass validation. */
class AwsExamplesTest {

    @Test
    void everyExampleStoreIsValid() {
        List<String> validated = new ArrayList<>();
        for (ExampleStores.Example example : ExampleStores.in(Path.of("examples/aws"), "team-a")) {
            StoreContext store = example.store();
            assertThatCode(() -> new AwsProviderImpl().validate(store)).as(example.file() + " " + store.identity())
                    .doesNotThrowAnyException();
            validated.add(store.spec().provider.aws.service + "/" + (store.spec().provider.aws.auth.jwt != null ? "irsa" : "keys"));
        }
        assertThat(validated).contains("SecretsManager/irsa", "SecretsManager/keys", "ParameterStore/irsa", "ParameterStore/keys");
    }
}
