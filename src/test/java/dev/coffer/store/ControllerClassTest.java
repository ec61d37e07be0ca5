package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerClassTest {

    private static SecretStoreSpec spec(String controller) {
        SecretStoreSpec spec = new SecretStoreSpec();
        spec.controller = controller;
        return spec;
    }

    @Test
    void withoutAClassOnlyStoresWithoutOneAreServed() {
        assertThat(ControllerClass.NONE.serves(spec(null))).isTrue();
        assertThat(ControllerClass.NONE.serves(spec(""))).isTrue();
        assertThat(ControllerClass.NONE.serves(spec("eso"))).isFalse();
        assertThat(ControllerClass.NONE.serves(null)).isTrue();
    }

    @Test
    void withAClassItsOwnStoresAndStoresWithoutOneAreServed() {
        ControllerClass coffer = new ControllerClass(" coffer ");
        assertThat(coffer.serves(spec("coffer"))).isTrue();
        assertThat(coffer.serves(spec(null))).isTrue();
        assertThat(coffer.serves(spec("eso"))).isFalse();
    }
}
