package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnsealWritePlanTest {

    final SealedSecret owner = owner();

    static SealedSecret owner() {
        SealedSecret s = new SealedSecret();
        s.getMetadata().setName("app");
        s.getMetadata().setNamespace("ns");
        s.getMetadata().setUid("owner-uid");
        return s;
    }

    Secret desired(String value) {
        return new SecretBuilder().withNewMetadata().withName("app").withNamespace("ns")
                .withOwnerReferences(List.of(UnsealedSecretShaper.ownerReference(owner))).endMetadata()
                .withType("Opaque").addToData("k", value).build();
    }

    @Test
    void createsWhatIsMissingAndLeavesWhatIsEqual() {
        assertThat(UnsealWritePlan.decide(owner, desired("a"), null).action()).isEqualTo(UnsealWritePlan.Action.CREATE);
        Secret live = desired("a");
        live.getMetadata().setResourceVersion("7");
        assertThat(UnsealWritePlan.decide(owner, desired("a"), live).action()).isEqualTo(UnsealWritePlan.Action.NONE);
        UnsealWritePlan update = UnsealWritePlan.decide(owner, desired("b"), live);
        assertThat(update.action()).isEqualTo(UnsealWritePlan.Action.UPDATE);
        assertThat(update.secret().getMetadata().getResourceVersion()).isEqualTo("7");
    }

    @Test
    void immutableOrRetypedSecretsAreRecreated() {
        Secret live = desired("a");
        live.setImmutable(true);
        Secret want = desired("b");
        want.setImmutable(true);
        assertThat(UnsealWritePlan.decide(owner, want, live).action()).isEqualTo(UnsealWritePlan.Action.RECREATE);
        Secret retyped = desired("a");
        retyped.setType("kubernetes.io/tls");
        UnsealWritePlan plan = UnsealWritePlan.decide(owner, retyped, desired("a"));
        assertThat(plan.action()).isEqualTo(UnsealWritePlan.Action.RECREATE);
        assertThat(plan.secret().getMetadata().getResourceVersion()).isNull();
    }

    @Test
    void someoneElsesSecretIsRefused() {
        Secret foreign = new SecretBuilder().withNewMetadata().withName("app").withNamespace("ns").endMetadata().build();
        UnsealWritePlan plan = UnsealWritePlan.decide(owner, desired("a"), foreign);
        assertThat(plan.action()).isEqualTo(UnsealWritePlan.Action.REFUSE);
        assertThat(plan.refusal()).isEqualTo("Resource \"app\" already exists and is not managed by SealedSecret");
    }

    @Test
    void patchMergesAndKeepsOwnersAlone() {
        Secret live = new SecretBuilder().withNewMetadata().withName("app").withNamespace("ns")
                .addToAnnotations(UnsealedSecretShaper.PATCH, "true").endMetadata()
                .addToData("other", "x").build();
        UnsealWritePlan plan = UnsealWritePlan.decide(owner, desired("a"), live);
        assertThat(plan.action()).isEqualTo(UnsealWritePlan.Action.UPDATE);
        assertThat(plan.secret().getData()).containsEntry("other", "x").containsEntry("k", "a");
        assertThat(plan.secret().getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(UnsealWritePlan.decide(owner, desired("a"), plan.secret()).action()).isEqualTo(UnsealWritePlan.Action.NONE);
    }

    /** #19 defect 13: patch + managed merges the data and also takes ownership, as upstream. */
    @Test
    void patchWithManagedAlsoTakesOwnership() {
        Secret live = new SecretBuilder().withNewMetadata().withName("app").withNamespace("ns")
                .addToAnnotations(UnsealedSecretShaper.PATCH, "true").addToAnnotations(UnsealedSecretShaper.MANAGED, "true").endMetadata()
                .addToData("other", "x").build();
        UnsealWritePlan plan = UnsealWritePlan.decide(owner, desired("a"), live);
        assertThat(plan.action()).isEqualTo(UnsealWritePlan.Action.UPDATE);
        assertThat(plan.secret().getData()).containsEntry("other", "x").containsEntry("k", "a");
        assertThat(plan.secret().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo("owner-uid"));
        assertThat(plan.secret().getMetadata().getAnnotations()).containsEntry(UnsealedSecretShaper.MANAGED, "true")
                .containsEntry(UnsealedSecretShaper.PATCH, "true");
        assertThat(UnsealWritePlan.decide(owner, desired("a"), plan.secret()).action()).isEqualTo(UnsealWritePlan.Action.NONE);
    }

    /** #19 defect 15: taking over a managed Secret replaces its annotations wholesale with the template's. */
    @Test
    void takingOverReplacesAnnotationsWholesale() {
        Secret live = new SecretBuilder().withNewMetadata().withName("app").withNamespace("ns")
                .addToAnnotations(UnsealedSecretShaper.MANAGED, "true").addToAnnotations("old", "1").endMetadata()
                .addToData("k", "a").build();
        Secret want = desired("a");
        want.getMetadata().setAnnotations(java.util.Map.of("new", "2"));
        UnsealWritePlan plan = UnsealWritePlan.decide(owner, want, live);
        assertThat(plan.secret().getMetadata().getAnnotations()).isEqualTo(java.util.Map.of("new", "2"));
        assertThat(plan.secret().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo("owner-uid"));
    }

    /**
     * #19 defect 15: with skip-set-owner-references the desired Secret carries no owner reference
     * and no added managed annotation (upstream adds neither), and a takeover drops the old references.
     */
    @Test
    void skipSetOwnerReferencesAddsNothingAndTakeoverDropsReferences() throws Exception {
        SealedSecret sealed = TemplateMissingKeyTest.withTemplate(java.util.Map.of());
        sealed.getMetadata().setUid("owner-uid");
        sealed.getSpec().getTemplate().setMetadata(new dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretTemplateMetadata());
        sealed.getSpec().getTemplate().getMetadata().setAnnotations(java.util.Map.of(UnsealedSecretShaper.SKIP_OWNER_REFERENCES, "true"));
        Secret shaped = new UnsealedSecretShaper(TemplateData.standard()).shape(sealed, java.util.Map.of());
        assertThat(shaped.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(shaped.getMetadata().getAnnotations()).isEqualTo(java.util.Map.of(UnsealedSecretShaper.SKIP_OWNER_REFERENCES, "true"));

        Secret live = new SecretBuilder().withNewMetadata().withName("n").withNamespace("ns")
                .addToAnnotations(UnsealedSecretShaper.MANAGED, "true")
                .withOwnerReferences(List.of(UnsealedSecretShaper.ownerReference(sealed))).endMetadata().build();
        UnsealWritePlan plan = UnsealWritePlan.decide(sealed, shaped, live);
        assertThat(plan.secret().getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(plan.secret().getMetadata().getAnnotations()).doesNotContainKey(UnsealedSecretShaper.MANAGED);
    }
}
