package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Specs;
import dev.coffer.testsupport.TestResources;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretMergerTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ExternalSecret es(String creationPolicy) {
        return Specs.es("""
                secretStoreRef: {name: store}
                target: {creationPolicy: %s}
                data:
                  - secretKey: a
                    remoteRef: {key: a}
                """.formatted(creationPolicy));
    }

    private static DesiredSecret desired(Map<String, String> plain) {
        Map<String, String> data = new TreeMap<>();
        plain.forEach((k, v) -> data.put(k, b64(v)));
        return new DesiredSecret("team-a", "app", "Opaque",
                Map.of(ManagedSecret.LABEL_MANAGED, "true"),
                Map.of("from-es", "x"), data, false);
    }

    /** What the API server would return after storing the plan's Secret. */
    private static Secret stored(Secret s) {
        return new SecretBuilder(s).editMetadata().withResourceVersion("42").withUid("secret-uid").endMetadata().build();
    }

    private static Secret foreign(Map<String, String> plain) {
        Secret s = TestResources.secret("team-a", "app", plain);
        s.getMetadata().setResourceVersion("7");
        s.getMetadata().setLabels(new HashMap<>(Map.of("owner", "platform")));
        s.getMetadata().setAnnotations(new HashMap<>(Map.of("note", "hand-made")));
        s.setType("kubernetes.io/dockerconfigjson");
        return s;
    }

    private static OwnerReference controller(String kind, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion("external-secrets.io/v1").withKind(kind).withName(name)
                .withUid(uid).withController(true).build();
    }

    @Test
    void ownerCreatesWithAControllerReference() {
        ExternalSecret es = es("Owner");
        SecretWritePlan plan = SecretMerger.plan(es, desired(Map.of("a", "1")), null);
        assertThat(plan.action()).isEqualTo(SecretWritePlan.Action.CREATE);
        Secret s = plan.secret();
        assertThat(s.getMetadata().getName()).isEqualTo("app");
        assertThat(s.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(s.getType()).isEqualTo("Opaque");
        assertThat(s.getData()).containsExactly(Map.entry("a", b64("1")));
        assertThat(s.getMetadata().getLabels()).containsEntry(ManagedSecret.LABEL_MANAGED, "true");
        assertThat(s.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
            assertThat(ref.getKind()).isEqualTo("ExternalSecret");
            assertThat(ref.getApiVersion()).isEqualTo("external-secrets.io/v1");
            assertThat(ref.getName()).isEqualTo("app");
            assertThat(ref.getUid()).isEqualTo("uid-app");
        });
        assertThat(s.getMetadata().getAnnotations()).containsEntry(ManagedSecret.ANNOTATION_DATA_HASH, ManagedSecret.dataHash(s.getData()));
        assertThat(s.getMetadata().getAnnotations()).doesNotContainKey(ManagedSecret.ANNOTATION_MERGED_KEYS);
        assertThat(ManagedSecret.isIntact(s)).isTrue();
    }

    @Test
    void defaultCreationPolicyIsOwner() {
        ExternalSecret es = Specs.es("""
                secretStoreRef: {name: store}
                data:
                  - secretKey: a
                    remoteRef: {key: a}
                """);
        assertThat(SecretMerger.plan(es, desired(Map.of("a", "1")), null).secret().getMetadata().getOwnerReferences())
                .singleElement().extracting(OwnerReference::getController).isEqualTo(true);
    }

    @Test
    void identicalLiveSecretNeedsNoWrite() {
        ExternalSecret es = es("Owner");
        Secret live = stored(SecretMerger.plan(es, desired(Map.of("a", "1", "b", "2")), null).secret());
        SecretWritePlan again = SecretMerger.plan(es, desired(Map.of("b", "2", "a", "1")), live);
        assertThat(again.action()).isEqualTo(SecretWritePlan.Action.NONE);
        assertThat(again.secret()).isSameAs(live);
    }

    @Test
    void changedDataUpdatesAndDropsStaleKeys() {
        ExternalSecret es = es("Owner");
        Secret live = stored(SecretMerger.plan(es, desired(Map.of("a", "1", "old", "x")), null).secret());
        SecretWritePlan plan = SecretMerger.plan(es, desired(Map.of("a", "2")), live);
        assertThat(plan.action()).isEqualTo(SecretWritePlan.Action.UPDATE);
        assertThat(plan.secret().getData()).containsExactly(Map.entry("a", b64("2")));
        assertThat(plan.secret().getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(plan.secret().getMetadata().getOwnerReferences()).hasSize(1);
        assertThat(plan.secret().getMetadata().getAnnotations())
                .containsEntry(ManagedSecret.ANNOTATION_DATA_HASH, ManagedSecret.dataHash(Map.of("a", b64("2"))));
    }

    @Test
    void driftedLiveSecretIsRewritten() {
        ExternalSecret es = es("Owner");
        Secret live = stored(SecretMerger.plan(es, desired(Map.of("a", "1")), null).secret());
        live.getMetadata().getLabels().remove(ManagedSecret.LABEL_MANAGED);
        SecretWritePlan plan = SecretMerger.plan(es, desired(Map.of("a", "1")), live);
        assertThat(plan.action()).isEqualTo(SecretWritePlan.Action.UPDATE);
        assertThat(ManagedSecret.isIntact(plan.secret())).isTrue();
    }

    @Test
    void ownerAdoptsAnUnownedExistingSecret() {
        SecretWritePlan plan = SecretMerger.plan(es("Owner"), desired(Map.of("a", "1")), foreign(Map.of("x", "keep?")));
        assertThat(plan.action()).isEqualTo(SecretWritePlan.Action.UPDATE);
        assertThat(plan.secret().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo("uid-app"));
        // Owner replaces the data
        assertThat(plan.secret().getData()).containsOnlyKeys("a");
    }

    @Test
    void secretOwnedByAnotherExternalSecretIsAConflict() {
        Secret live = foreign(Map.of("x", "1"));
        live.getMetadata().setOwnerReferences(List.of(controller("ExternalSecret", "other", "uid-other")));
        for (String policy : new String[]{"Owner", "Orphan", "Merge", "CreateOrMerge"}) {
            assertThatThrownBy(() -> SecretMerger.plan(es(policy), desired(Map.of("a", "1")), live))
                    .as(policy)
                    .isInstanceOf(TargetConflictException.class)
                    .hasMessageContaining("target is owned by another ExternalSecret")
                    .satisfies(e -> assertThat(((TargetConflictException) e).reason()).contains("SecretSyncedError"));
        }
    }

    @Test
    void nonControllerReferencesAndOtherKindsAreNoConflict() {
        Secret live = foreign(Map.of("x", "1"));
        OwnerReference notController = controller("ExternalSecret", "other", "uid-other");
        notController.setController(false);
        live.getMetadata().setOwnerReferences(List.of(notController));
        assertThat(SecretMerger.plan(es("Orphan"), desired(Map.of("a", "1")), live).action()).isEqualTo(SecretWritePlan.Action.UPDATE);
    }

    @Test
    void orphanCreatesWithoutOwnerReference() {
        SecretWritePlan plan = SecretMerger.plan(es("Orphan"), desired(Map.of("a", "1")), null);
        assertThat(plan.action()).isEqualTo(SecretWritePlan.Action.CREATE);
        assertThat(plan.secret().getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(plan.secret().getMetadata().getLabels()).doesNotContainKey(ManagedSecret.LABEL_CREATED_BY);
    }

    @Test
    void mergeKeepsForeignKeysTypeAndMetadataAndRecordsMergedKeys() {
        Secret live = foreign(Map.of("x", "theirs", "a", "old"));
        SecretWritePlan plan = SecretMerger.plan(es("Merge"), desired(Map.of("a", "1", "b", "2")), live);
        assertThat(plan.action()).isEqualTo(SecretWritePlan.Action.UPDATE);
        Secret s = plan.secret();
        assertThat(s.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("x", b64("theirs"), "a", b64("1"), "b", b64("2")));
        assertThat(s.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
        assertThat(s.getMetadata().getLabels()).containsEntry("owner", "platform").containsEntry(ManagedSecret.LABEL_MANAGED, "true");
        assertThat(s.getMetadata().getAnnotations())
                .containsEntry("note", "hand-made")
                .containsEntry(ManagedSecret.ANNOTATION_MERGED_KEYS, "a,b")
                .containsEntry(ManagedSecret.ANNOTATION_DATA_HASH, ManagedSecret.dataHash(s.getData()));
        assertThat(s.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(s.getMetadata().getResourceVersion()).isEqualTo("7");
        // and the result, once stored, is stable
        assertThat(SecretMerger.plan(es("Merge"), desired(Map.of("a", "1", "b", "2")), stored(s)).action())
                .isEqualTo(SecretWritePlan.Action.NONE);
    }

    @Test
    void mergeWithoutALiveSecretIsTargetMissing() {
        SecretWritePlan plan = SecretMerger.plan(es("Merge"), desired(Map.of("a", "1")), null);
        assertThat(plan.action()).isEqualTo(SecretWritePlan.Action.TARGET_MISSING);
        assertThat(plan.secret()).isNull();
    }

    @Test
    void mergeRemovesTheKeysItMergedBeforeButNoLongerHas() {
        Secret live = foreign(Map.of("x", "theirs", "a", "old", "gone", "old"));
        live.getMetadata().getAnnotations().put(ManagedSecret.ANNOTATION_MERGED_KEYS, "a,gone");
        Secret next = SecretMerger.plan(es("Merge"), desired(Map.of("a", "1")), live).secret();
        assertThat(next.getData()).containsOnlyKeys("x", "a");
        // nothing left at the provider (deletionPolicy Merge): only the foreign key stays
        Secret emptied = SecretMerger.plan(es("Merge"), desired(Map.of()), stored(next)).secret();
        assertThat(emptied.getData()).containsOnlyKeys("x");
        assertThat(emptied.getMetadata().getAnnotations()).containsEntry(ManagedSecret.ANNOTATION_DATA_HASH,
                ManagedSecret.dataHash(emptied.getData()));
    }

    @Test
    void ownerCarriesEsosCreatedByLabelAndTemplateFinalizers() {
        ExternalSecret es = es("Owner");
        es.getSpec().target.template = new dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate();
        es.getSpec().target.template.metadata = new dev.coffer.api.externalsecrets.v1.TemplateMetadata();
        es.getSpec().target.template.metadata.finalizers = List.of("example.com/keep");
        Secret s = SecretMerger.plan(es, desired(Map.of("a", "1")), null).secret();
        assertThat(s.getMetadata().getLabels()).containsEntry(ManagedSecret.LABEL_CREATED_BY,
                EsoHash.ofString(es.getMetadata().getNamespace() + "/" + es.getMetadata().getName()));
        assertThat(s.getMetadata().getFinalizers()).containsExactly("example.com/keep");
        Secret live = stored(s);
        live.getMetadata().setFinalizers(List.of("other/f"));
        assertThat(SecretMerger.plan(es, desired(Map.of("a", "1")), live).secret().getMetadata().getFinalizers())
                .containsExactly("other/f", "example.com/keep");
    }

    @Test
    void createOrMergeCreatesWhenAbsentAndMergesWhenPresent() {
        SecretWritePlan created = SecretMerger.plan(es("CreateOrMerge"), desired(Map.of("a", "1")), null);
        assertThat(created.action()).isEqualTo(SecretWritePlan.Action.CREATE);
        assertThat(created.secret().getData()).containsOnlyKeys("a");
        assertThat(created.secret().getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(created.secret().getMetadata().getAnnotations()).containsEntry(ManagedSecret.ANNOTATION_MERGED_KEYS, "a");

        SecretWritePlan merged = SecretMerger.plan(es("CreateOrMerge"), desired(Map.of("a", "1")), foreign(Map.of("x", "theirs")));
        assertThat(merged.action()).isEqualTo(SecretWritePlan.Action.UPDATE);
        assertThat(merged.secret().getData()).containsOnlyKeys("a", "x");
    }

    @Test
    void noneWritesNothing() {
        SecretWritePlan absent = SecretMerger.plan(es("None"), desired(Map.of("a", "1")), null);
        assertThat(absent.action()).isEqualTo(SecretWritePlan.Action.NONE);
        Secret live = foreign(Map.of("x", "1"));
        live.getMetadata().setOwnerReferences(List.of(controller("ExternalSecret", "other", "uid-other")));
        SecretWritePlan present = SecretMerger.plan(es("None"), desired(Map.of("a", "1")), live);
        assertThat(present.action()).isEqualTo(SecretWritePlan.Action.NONE);
        assertThat(present.secret()).isSameAs(live);
    }

    @Test
    void immutableLiveSecretWithDifferentDataIsKept() {
        ExternalSecret es = es("Owner");
        Secret live = stored(SecretMerger.plan(es, desired(Map.of("a", "1")), null).secret());
        live.setImmutable(true);
        SecretWritePlan plan = SecretMerger.plan(es, desired(Map.of("a", "2")), live);
        assertThat(plan.action()).isEqualTo(SecretWritePlan.Action.KEEP_IMMUTABLE);
        assertThat(plan.secret()).isSameAs(live);
        // the same data is fine
        assertThat(SecretMerger.plan(es, desired(Map.of("a", "1")), live).action()).isEqualTo(SecretWritePlan.Action.NONE);
    }

    @Test
    void desiredImmutableIsWritten() {
        DesiredSecret d = desired(Map.of("a", "1"));
        DesiredSecret immutable = new DesiredSecret(d.namespace(), d.name(), d.type(), d.labels(), d.annotations(), d.data(), true);
        assertThat(SecretMerger.plan(es("Owner"), immutable, null).secret().getImmutable()).isTrue();
        assertThat(SecretMerger.plan(es("Owner"), d, null).secret().getImmutable()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void liveFinalizersAreKept() {
        ExternalSecret es = es("Owner");
        Secret live = stored(SecretMerger.plan(es, desired(Map.of("a", "1")), null).secret());
        live.getMetadata().setFinalizers(List.of("example.com/keep"));
        SecretWritePlan plan = SecretMerger.plan(es, desired(Map.of("a", "2")), live);
        assertThat(plan.secret().getMetadata().getFinalizers()).containsExactly("example.com/keep");
    }
}
