package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.TestKeys;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When a reconciliation may skip the RSA work: only when the Secret carries a stamp for this very
 * SealedSecret and its own untouched content. Counted in RSA operations (the controller's counter),
 * through the real reconciler, writer and a CRUD API server, its owned-Secret store fed by an
 * informer as the operator's is; a new reconciler (and informer) is a restart.
 */
class UnsealStampReconcileTest {

    static final String NS = "stamps";
    static final Map<String, String> VALUES = Map.of("a", "alpha", "b", "bravo", "c", "charlie");

    MockApiServer api;
    KubernetesClient client;
    ControllerProcess process;
    SealedSecretReconciler reconciler;

    @BeforeEach
    void start() {
        api = MockApiServer.http();
        client = api.admin();
        restart(TestKeys.key(0));
    }

    @AfterEach
    void stop() {
        process.close();
        api.close();
    }

    /** A new controller process: nothing remembered, these keys held, the counter at zero. */
    void restart(SealingKey... held) {
        if (process != null) {
            process.close();
        }
        process = new ControllerProcess(client, held).informerFeedsTheStore();
        reconciler = process.reconciler;
    }

    long rsaOperations() {
        return process.rsaOperations();
    }

    SealedSecret create(Map<String, String> values) {
        return client.resource(Fixtures.sealed(TestKeys.key(0).publicKey(), NS, "db", Scope.STRICT, values)).create();
    }

    SealedSecret live() {
        return client.resources(SealedSecret.class).inNamespace(NS).withName("db").get();
    }

    /** Once the informer has seen the Secret as it is now (as the operator's has, when the echo of a write comes). */
    UpdateControl<SealedSecret> reconcile() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Secret now = secret();
            Secret cached = reconciler.ownedSecrets().get(NS + "/db");
            return now == null ? cached == null
                    : cached != null && now.getMetadata().getResourceVersion().equals(cached.getMetadata().getResourceVersion());
        });
        return reconciler.unseal(live());
    }

    /** The same keys held by a new controller process, then one reconciliation. */
    UpdateControl<SealedSecret> reconcileAfterRestart() throws Exception {
        restart(TestKeys.key(0));
        return reconcile();
    }

    void editSealedSecret(java.util.function.UnaryOperator<SealedSecret> edit) {
        client.resources(SealedSecret.class).inNamespace(NS).withName("db").edit(edit);
    }

    void editSecret(java.util.function.UnaryOperator<Secret> edit) {
        client.secrets().inNamespace(NS).withName("db").edit(edit);
    }

    Secret secret() {
        return client.secrets().inNamespace(NS).withName("db").get();
    }

    @Test
    void firstUnsealCostsOneRsaOperationPerValueAndStampsTheSecret() throws Exception {
        create(VALUES);
        reconcile();
        assertThat(rsaOperations()).isEqualTo(3);
        assertThat(Fixtures.text(secret(), "b")).isEqualTo("bravo");
        assertThat(secret().getMetadata().getAnnotations().get(UnsealStamp.ANNOTATION))
                .startsWith("v1:" + TestKeys.key(0).fingerprint() + ":")
                .doesNotContain("alpha", "bravo", "charlie");
    }

    @Test
    void anIntactSecretCostsNoRsaOperationAgainNorAfterARestart() throws Exception {
        create(VALUES);
        reconcile();
        String version = secret().getMetadata().getResourceVersion();

        reconcile(); // the echo of the write, or a periodic resync
        assertThat(rsaOperations()).isEqualTo(3);

        UpdateControl<SealedSecret> control = reconcileAfterRestart();
        assertThat(rsaOperations()).isZero();
        assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(control.getResource().map(s -> s.getStatus().getConditions().get(0).getStatus())).contains("True");
    }

    @Test
    void aChangedSealedSecretUnsealsAgain() throws Exception {
        create(VALUES);
        reconcile();
        SealedSecret resealed = Fixtures.sealed(TestKeys.key(0).publicKey(), NS, "db", Scope.STRICT,
                Map.of("a", "alpha", "b", "bravo-2", "c", "charlie"));
        editSealedSecret(s -> { s.getSpec().setEncryptedData(resealed.getSpec().getEncryptedData()); return s; });
        reconcileAfterRestart();
        assertThat(rsaOperations()).isEqualTo(3);
        assertThat(Fixtures.text(secret(), "b")).isEqualTo("bravo-2");
    }

    @Test
    void aTemplateChangeAloneUnsealsAgain() throws Exception {
        create(VALUES);
        reconcile();
        editSealedSecret(s -> { s.getSpec().getTemplate().getMetadata().setLabels(Map.of("tier", "db")); return s; });
        reconcileAfterRestart();
        assertThat(rsaOperations()).isEqualTo(3);
        assertThat(secret().getMetadata().getLabels()).containsEntry("tier", "db");
    }

    @Test
    void aTamperedValueIsUnsealedAndRestored() throws Exception {
        create(VALUES);
        reconcile();
        editSecret(s -> { s.getData().put("a", Fixtures.b64("tampered")); return s; });
        reconcileAfterRestart();
        assertThat(rsaOperations()).isEqualTo(3);
        assertThat(Fixtures.text(secret(), "a")).isEqualTo("alpha");
    }

    @Test
    void anAddedKeyOrLabelOnTheSecretIsUnsealedAndTakenBack() throws Exception {
        create(VALUES);
        reconcile();
        editSecret(s -> {
            s.getData().put("extra", Fixtures.b64("x"));
            s.getMetadata().setLabels(Map.of("added", "by-hand"));
            return s;
        });
        reconcileAfterRestart();
        assertThat(rsaOperations()).isEqualTo(3);
        assertThat(secret().getData()).doesNotContainKey("extra");
        assertThat(secret().getMetadata().getLabels()).doesNotContainKey("added");
    }

    @Test
    void aForgedOrCopiedStampDoesNotCount() throws Exception {
        create(VALUES);
        reconcile();
        String stamp = secret().getMetadata().getAnnotations().get(UnsealStamp.ANNOTATION);
        editSecret(s -> {
            s.getData().put("a", Fixtures.b64("tampered"));
            // the MAC part replaced with another Secret's would be just as wrong
            s.getMetadata().getAnnotations().put(UnsealStamp.ANNOTATION, stamp.substring(0, stamp.lastIndexOf(':') + 1) + "AAAA");
            return s;
        });
        reconcileAfterRestart();
        assertThat(rsaOperations()).isEqualTo(3);
        assertThat(Fixtures.text(secret(), "a")).isEqualTo("alpha");
    }

    @Test
    void aRemovedSecretIsUnsealedAgain() throws Exception {
        create(VALUES);
        reconcile();
        client.secrets().inNamespace(NS).withName("db").delete();
        reconcileAfterRestart();
        assertThat(rsaOperations()).isEqualTo(3);
        assertThat(Fixtures.text(secret(), "c")).isEqualTo("charlie");
    }

    @Test
    void aRecreatedSealedSecretUnsealsAgainAndOwnsTheSecret() throws Exception {
        // managed: the Secret may be taken over by a new SealedSecret of the same name (no GC here)
        SealedSecret first = Fixtures.sealed(TestKeys.key(0).publicKey(), NS, "db", Scope.STRICT, VALUES);
        first.getSpec().getTemplate().getMetadata().setAnnotations(Map.of(UnsealedSecretShaper.MANAGED, "true"));
        client.resource(first).create();
        reconcile();
        client.resources(SealedSecret.class).inNamespace(NS).withName("db").delete();
        first.getMetadata().setUid(null);
        first.getMetadata().setResourceVersion(null);
        SealedSecret again = client.resource(first).create();
        reconcileAfterRestart();
        assertThat(rsaOperations()).isEqualTo(3);
        assertThat(secret().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(again.getMetadata().getUid()));
    }

    @Test
    void aStampByAKeyNoLongerHeldDoesNotCount() throws Exception {
        create(VALUES);
        reconcile();
        String version = secret().getMetadata().getResourceVersion();
        restart(TestKeys.key(1));
        UpdateControl<SealedSecret> control = reconcile();
        // key(1) cannot open values sealed for key(0): the failure shows, and the Secret is kept as it was
        assertThat(control.getResource().map(s -> s.getStatus().getConditions().get(0).getStatus())).contains("False");
        assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void aNewerKeyHeldBesideTheStampingOneStillSkips() throws Exception {
        create(VALUES);
        reconcile();
        restart(TestKeys.key(1), TestKeys.key(0));
        reconcile();
        assertThat(rsaOperations()).isZero();
    }

    @Test
    void aSecretWrittenBeforeStampsGetsTheStampOnceWithoutOtherChanges() throws Exception {
        create(VALUES);
        reconcile();
        editSecret(s -> { s.getMetadata().getAnnotations().remove(UnsealStamp.ANNOTATION); return s; });
        Map<String, String> data = secret().getData();
        reconcileAfterRestart();
        assertThat(rsaOperations()).isEqualTo(3);
        assertThat(secret().getData()).isEqualTo(data);
        assertThat(secret().getMetadata().getAnnotations()).containsKey(UnsealStamp.ANNOTATION);

        reconcileAfterRestart();
        assertThat(rsaOperations()).isZero();
    }

    @Test
    void theSameValuesSealedAgainUnsealButWriteNothing() throws Exception {
        create(VALUES);
        reconcile();
        String version = secret().getMetadata().getResourceVersion();
        SealedSecret resealed = Fixtures.sealed(TestKeys.key(0).publicKey(), NS, "db", Scope.STRICT, VALUES);
        editSealedSecret(s -> { s.getSpec().setEncryptedData(resealed.getSpec().getEncryptedData()); return s; });
        reconcileAfterRestart();
        assertThat(rsaOperations()).isEqualTo(3);
        assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(version);
    }
}
