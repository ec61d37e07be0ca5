package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Specs;
import dev.coffer.testsupport.TestResources;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretOwnershipTest {

    private final ExternalSecret es = Specs.es("data: [{secretKey: a, remoteRef: {key: a}}]\n");

    private static Secret ownedBy(String uid, Boolean controller) {
        Secret s = TestResources.secret("team-a", "app", Map.of("a", "1"));
        s.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("external-secrets.io/v1")
                .withKind("ExternalSecret").withName("x").withUid(uid).withController(controller).build()));
        return s;
    }

    @Test
    void controlledByMatchesTheControllerUid() {
        assertThat(SecretOwnership.controlledBy(ownedBy("uid-app", true), es)).isTrue();
        assertThat(SecretOwnership.controlledBy(ownedBy("uid-other", true), es)).isFalse();
        assertThat(SecretOwnership.controlledBy(ownedBy("uid-app", false), es)).isFalse();
        assertThat(SecretOwnership.controlledBy(ownedBy("uid-app", null), es)).isFalse();
        assertThat(SecretOwnership.controlledBy(TestResources.secret("team-a", "app", Map.of()), es)).isFalse();
    }

    @Test
    void controlledByUsesTheRealOwnerSecretFromSecretMerger() {
        Secret created = SecretMerger.plan(es, new DesiredSecret("team-a", "app", "Opaque", Map.of(), Map.of(), Map.of(), false), null).secret();
        assertThat(SecretOwnership.controlledBy(created, es)).isTrue();
    }
}
