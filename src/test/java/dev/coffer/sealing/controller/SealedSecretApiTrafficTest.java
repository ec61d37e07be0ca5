package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.TestKeys;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The requests one SealedSecret costs at the API server, counted in the mock server's request log,
 * through the real reconciler and writer: the owned-Secret store is fed by a real informer, as the
 * operator's is, or left empty to stand for a cache that has not seen a Secret yet.
 */
class SealedSecretApiTrafficTest {

    static final String NS = "traffic";
    static final String SECRETS = "/api/v1/namespaces/" + NS + "/secrets";
    static final String SECRET = SECRETS + "/db";
    static final Map<String, String> VALUES = Map.of("a", "alpha", "b", "bravo");

    final MockApiServer api = MockApiServer.http();
    final KubernetesClient client = api.admin();
    final ControllerProcess process = new ControllerProcess(client, TestKeys.key(0));

    @AfterEach
    void stop() {
        process.close();
        api.close();
    }

    void informerFeedsTheStore() {
        process.informerFeedsTheStore();
    }

    SealedSecret createSealedSecret(Map<String, String> templateAnnotations) {
        SealedSecret sealed = Fixtures.sealed(TestKeys.key(0).publicKey(), NS, "db", Scope.STRICT, VALUES);
        sealed.getSpec().getTemplate().getMetadata().setAnnotations(templateAnnotations);
        return client.resource(sealed).create();
    }

    Secret secret() {
        return client.secrets().inNamespace(NS).withName("db").get();
    }

    /** Reconciles once; the requests it made to the Secret, as "VERB path", in order. */
    List<String> secretRequestsOf(SealedSecret primary, UpdateControl<SealedSecret>[] control) throws Exception {
        api.takeRequests();
        control[0] = process.reconciler.unseal(primary);
        return api.takeRequests().stream().map(SealedSecretApiTrafficTest::line)
                .filter(r -> r.endsWith(" " + SECRETS) || r.endsWith(" " + SECRET)).toList();
    }

    static String line(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        return request.getMethod() + " " + (query < 0 ? path : path.substring(0, query));
    }

    @SuppressWarnings("unchecked")
    static UpdateControl<SealedSecret>[] control() {
        return new UpdateControl[1];
    }

    @Test
    void aNewSealedSecretsSecretIsCreatedWithoutAReadFirst() throws Exception {
        informerFeedsTheStore();
        SealedSecret sealed = createSealedSecret(null);
        var control = control();
        assertThat(secretRequestsOf(sealed, control)).containsExactly("POST " + SECRETS);
        assertThat(Fixtures.text(secret(), "a")).isEqualTo("alpha");
        assertThat(control[0].isPatchStatus()).isTrue();
    }

    @Test
    void theEchoOfTheWriteCostsNoRequestAndNoStatusPatch() throws Exception {
        informerFeedsTheStore();
        SealedSecret sealed = createSealedSecret(null);
        var control = control();
        secretRequestsOf(sealed, control);
        await().atMost(Duration.ofSeconds(30)).until(() -> process.reconciler.ownedSecrets().holds(NS, "db"));

        SealedSecret withStatus = control[0].getResource().orElseThrow();
        assertThat(secretRequestsOf(withStatus, control)).isEmpty();
        assertThat(control[0].isPatchStatus()).isFalse();
        assertThat(control[0].isPatchResource()).isFalse();
    }

    @Test
    void aSecretTheCacheHoldsIsReadThenWrittenOver() throws Exception {
        api.createSecret(NS, "db", Map.of("old", "gone"), null, Map.of(UnsealedSecretShaper.MANAGED, "true"));
        informerFeedsTheStore();
        SealedSecret sealed = createSealedSecret(null);
        assertThat(secretRequestsOf(sealed, control())).containsExactly("GET " + SECRET, "PUT " + SECRET);
        assertThat(secret().getData()).containsOnlyKeys("a", "b");
    }

    @Test
    void aManagedSecretTheCacheHasNotSeenIsReadAfterTheConflictThenWrittenOver() throws Exception {
        api.createSecret(NS, "db", Map.of("old", "gone"), null, Map.of(UnsealedSecretShaper.MANAGED, "true"));
        SealedSecret sealed = createSealedSecret(null);
        var control = control();
        assertThat(secretRequestsOf(sealed, control)).containsExactly("POST " + SECRETS, "GET " + SECRET, "PUT " + SECRET);
        assertThat(secret().getData()).containsOnlyKeys("a", "b");
        assertThat(control[0].getResource().orElseThrow().getStatus().getConditions().get(0).getStatus()).isEqualTo("True");
    }

    @Test
    void aForeignSecretTheCacheHasNotSeenIsLeftAsItIs() throws Exception {
        api.createSecret(NS, "db", Map.of("mine", "keep"));
        String version = secret().getMetadata().getResourceVersion();
        SealedSecret sealed = createSealedSecret(null);
        var control = control();
        assertThat(secretRequestsOf(sealed, control)).containsExactly("POST " + SECRETS, "GET " + SECRET);
        assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(control[0].getResource().orElseThrow().getStatus().getConditions().get(0).getMessage())
                .isEqualTo("Resource \"db\" already exists and is not managed by SealedSecret");
    }

    @Test
    void aCurrentSecretTheCacheHasNotSeenIsNotWrittenAgain() throws Exception {
        SealedSecret sealed = createSealedSecret(null);
        var control = control();
        secretRequestsOf(sealed, control);
        String version = secret().getMetadata().getResourceVersion();
        assertThat(secretRequestsOf(sealed, control)).containsExactly("POST " + SECRETS, "GET " + SECRET);
        assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(version);
    }
}
