package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.Condition;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretStatus;
import dev.coffer.api.externalsecrets.v1.SecretBinding;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStoreStatus;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.OperatorTest;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.kubernetes.MockApiServer;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration from ESO: Secrets and statuses written in ESO's exact format are taken over without a
 * provider call until each refresh is due, and stores of another controller class are left alone.
 * The provider is the kubernetes one, reading a second (mock) cluster whose requests are counted.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class EsoTakeoverTest extends OperatorTest {

    /** Printed by Go running ESO's utils.ObjectHash: the data {password: s3cr3t}, and empty labels and annotations. */
    private static final String ESO_DATA_HASH = "32624ec2bbb01c19a38546e9e3c9996bce3ad67744c9550874b627b9";
    private static final String ESO_EMPTY_META_HASH = "f47fe3c0b255b6dd8047cdffa772587bb829efe7a1cb70febeda2eb2";

    private MockApiServer remote;

    @BeforeEach
    void startRemote() {
        remote = MockApiServer.http();
        remote.createSecret("shared", "db", Map.of("password", "s3cr3t"));
        remote.createSecret("shared", "api", Map.of("password", "s3cr3t"));
        remote.takeRequests();
    }

    @AfterEach
    void stopRemote() {
        remote.close();
    }

    private SecretStore store(String ns, String controllerClass) {
        SecretStore store = TestResources.secretStore(ns, "remote", """
                kubernetes:
                  remoteNamespace: shared
                  server:
                    url: %s
                  auth:
                    token:
                      bearerToken: {name: remote-token, key: token}
                """.formatted(remote.url()));
        store.getSpec().controller = controllerClass;
        return store;
    }

    private ExternalSecret externalSecretReading(String ns, String name) {
        return createExternalSecret(ns, name, "1h", """
                  secretStoreRef: {name: remote, kind: SecretStore}
                  data:
                  - secretKey: password
                    remoteRef: {key: %s, property: password}
                """.formatted(name));
    }

    /** The target Secret exactly as ESO writes it for creationPolicy Owner. */
    private void esoSecret(ExternalSecret es) {
        String ns = es.getMetadata().getNamespace();
        String name = es.getMetadata().getName();
        client.resource(new SecretBuilder().withNewMetadata().withNamespace(ns).withName(name)
                .withLabels(Map.of("reconcile.external-secrets.io/managed", "true",
                        "reconcile.external-secrets.io/created-by", EsoHash.ofString(ns + "/" + name)))
                .withAnnotations(Map.of("reconcile.external-secrets.io/data-hash", ESO_DATA_HASH))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("external-secrets.io/v1").withKind("ExternalSecret")
                        .withName(name).withUid(es.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata().withType("Opaque")
                .withData(Map.of("password", Base64.getEncoder().encodeToString("s3cr3t".getBytes(StandardCharsets.UTF_8))))
                .build()).create();
    }

    /** The status ESO writes after a sync at {@code refreshed}. */
    private void esoStatus(String ns, String name, Instant refreshed) {
        ExternalSecret es = get(ns, name);
        ExternalSecretStatus status = new ExternalSecretStatus();
        Condition ready = new Condition();
        ready.type = "Ready";
        ready.status = "True";
        ready.reason = "SecretSynced";
        ready.message = "secret synced";
        ready.lastTransitionTime = refreshed.toString();
        status.conditions = List.of(ready);
        status.refreshTime = refreshed.truncatedTo(ChronoUnit.SECONDS).toString();
        status.syncedResourceVersion = es.getMetadata().getGeneration() + "-" + ESO_EMPTY_META_HASH;
        status.binding = new SecretBinding();
        status.binding.name = name;
        es.setStatus(status);
        client.resource(es).updateStatus();
    }

    private long reads(List<RecordedRequest> requests, String secret) {
        return requests.stream().filter(r -> r.getMethod().equals("GET")
                && r.getPath().startsWith("/api/v1/namespaces/shared/secrets/" + secret)).count();
    }

    @Test
    void takeoverOfEsoSecretsAndStatusesMakesNoProviderCallUntilARefreshIsDue() {
        String ns = newNamespace();
        client.resource(TestResources.secret(ns, "remote-token", Map.of("token", "any"))).create();
        ExternalSecret fresh = externalSecretReading(ns, "db");
        ExternalSecret due = externalSecretReading(ns, "api");
        // no store yet: Coffer can only report that (no provider can be called)
        Await.failing(client, ns, "db", "could not get store");
        Await.failing(client, ns, "api", "could not get store");
        esoSecret(fresh);
        esoSecret(due);
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
        esoStatus(ns, "db", tenMinutesAgo);
        esoStatus(ns, "api", Instant.now().minus(Duration.ofHours(2)));
        String dbSecretVersion = client.secrets().inNamespace(ns).withName("db").get().getMetadata().getResourceVersion();

        client.resource(store(ns, null)).create();

        // the due one is refreshed: proof that the store works and reads are counted
        Await.await().until(() -> Instant.parse(get(ns, "api").getStatus().refreshTime).isAfter(tenMinutesAgo));
        // the fresh one is left as ESO wrote it, and its remote secret is never read
        Await.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                get(ns, "db").getStatus().refreshTime.equals(tenMinutesAgo.truncatedTo(ChronoUnit.SECONDS).toString()));
        List<RecordedRequest> requests = remote.takeRequests();
        assertThat(reads(requests, "db")).as("reads of the fresh ExternalSecret's remote secret").isZero();
        assertThat(reads(requests, "api")).as("reads of the due ExternalSecret's remote secret").isPositive();
        assertThat(client.secrets().inNamespace(ns).withName("db").get().getMetadata().getResourceVersion()).isEqualTo(dbSecretVersion);
        assertThat(Await.ready(get(ns, "db")).orElseThrow().reason).isEqualTo("SecretSynced");
    }

    @Test
    void storesOfAnotherControllerClassAndTheirExternalSecretsAreLeftAlone() {
        String ns = newNamespace();
        client.resource(TestResources.secret(ns, "remote-token", Map.of("token", "any"))).create();
        externalSecretReading(ns, "db");
        Await.failing(client, ns, "db", "could not get store");
        String before = Await.ready(get(ns, "db")).orElseThrow().message;

        client.resource(store(ns, "eso")).create();

        Await.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
            SecretStoreStatus storeStatus = client.resources(SecretStore.class).inNamespace(ns).withName("remote").get().getStatus();
            return (storeStatus == null || storeStatus.conditions == null)
                    && before.equals(Await.ready(get(ns, "db")).orElseThrow().message)
                    && client.secrets().inNamespace(ns).withName("db").get() == null;
        });
        assertThat(reads(remote.takeRequests(), "")).isZero();

        // ESO is gone: the store is handed over to Coffer's class (empty: stores without a class)
        client.resources(SecretStore.class).inNamespace(ns).withName("remote").edit(s -> {
            s.getSpec().controller = null;
            return s;
        });
        Await.synced(client, ns, "db");
        Secret out = client.secrets().inNamespace(ns).withName("db").get();
        assertThat(out.getMetadata().getAnnotations()).containsEntry("reconcile.external-secrets.io/data-hash", ESO_DATA_HASH);
    }
}
