package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.keys.KeyRing;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The owned-Secret cache: no values kept, yet a stamped, intact Secret is recognized and a changed one is not. */
class MetadataOnlySecretStoreTest {

    final KeyRing ring = new KeyRing(List.of(TestKeys.key(0)));
    final SealedSecret sealed = Fixtures.sealed(TestKeys.key(0).publicKey(), "ns", "db", Scope.STRICT, Map.of("k", "v"));
    final MetadataOnlySecretStore store = new MetadataOnlySecretStore();

    Secret stamped(String value) {
        Secret secret = new SecretBuilder().withNewMetadata().withNamespace("ns").withName("db").endMetadata()
                .withType("Opaque").addToData("k", Fixtures.b64(value)).build();
        return UnsealStamp.of(TestKeys.key(0), sealed).orElseThrow().on(secret);
    }

    @Test
    void keepsNoValuesYetRecognizesTheStampedSecret() {
        store.put("ns/db", stamped("v"));
        assertThat(store.get("ns/db").getData()).isNullOrEmpty();
        assertThat(store.stampedFor("ns", "db", sealed, ring)).isTrue();
    }

    @Test
    void aChangedValueUnderTheOldStampIsNotRecognized() {
        Secret tampered = stamped("v");
        tampered.getData().put("k", Fixtures.b64("changed"));
        store.put("ns/db", tampered);
        assertThat(store.stampedFor("ns", "db", sealed, ring)).isFalse();
    }

    @Test
    void aRemovedOrUnknownSecretIsNotRecognized() {
        store.put("ns/db", stamped("v"));
        store.remove("ns/db");
        assertThat(store.stampedFor("ns", "db", sealed, ring)).isFalse();
        assertThat(store.stampedFor("ns", "other", sealed, ring)).isFalse();
    }

    @Test
    void anotherKeyOrAnotherSealedSecretDoesNotMatch() {
        store.put("ns/db", stamped("v"));
        assertThat(store.stampedFor("ns", "db", sealed, new KeyRing(List.of(TestKeys.key(1))))).isFalse();
        SealedSecret resealed = Fixtures.sealed(TestKeys.key(0).publicKey(), "ns", "db", Scope.STRICT, Map.of("k", "v"));
        assertThat(store.stampedFor("ns", "db", resealed, ring)).isFalse();
    }
}
