package dev.coffer.peers.kube;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.controller.Fixtures;
import dev.coffer.sealing.keys.KeyGenerator;
import dev.coffer.sealing.keys.KeySecrets;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.Manifests;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.OperatorJar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static dev.coffer.testsupport.TestResources.irsaStore;
import static dev.coffer.testsupport.TestResources.secret;
import static dev.coffer.testsupport.TestResources.secretStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged operator, run as users run it, against a real kube-apiserver: installed from the
 * chart with its defaults (its ServiceAccount, ClusterRole and Roles; the operator authenticates
 * with a token of that ServiceAccount), configured by the chart's ConfigMap. Every controller
 * path runs here under real RBAC, schema validation and the status subresource; the last test
 * checks that the API server refused none of the operator's requests, so a grant missing from
 * the chart fails this class.
 */
@Tag("peers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorOnApiServerIT {

    static KubeApiServerPeer peer;
    static KubernetesClient kube;
    static OperatorJar operator;

    @BeforeAll
    static void start() {
        peer = ChartInstall.peerForOperator();
        kube = peer.admin();
        operator = ChartInstall.install(peer, "coffer", Map.of()).start("coffer-0");
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
    }

    private static ExternalSecret es(String ns, String name, String refresh, String target, String... keys) {
        StringBuilder data = new StringBuilder("  data:\n");
        for (String k : keys) {
            data.append("  - secretKey: ").append(k).append("\n    remoteRef: {key: ").append(k).append("}\n");
        }
        ExternalSecret es = externalSecretOn(ns, name, "SecretStore", "fake", "  target:\n" + target.indent(4) + data);
        es.getSpec().refreshInterval = refresh;
        return es;
    }

    private static void fakeData(String ns, Map<String, String> data) {
        peer.ensureNamespace(ns);
        kube.resource(fakeStore(ns, "fake", data)).forceConflicts().serverSideApply();
    }

    @Test
    @Order(1)
    void syncsRefreshesAndForceSyncs() {
        String ns = "it-sync";
        fakeData(ns, Map.of("user", "alice", "password", "one"));
        kube.resource(es(ns, "periodic", "2s", "name: periodic", "user", "password")).create();
        kube.resource(es(ns, "hourly", "1h", "name: hourly", "password")).create();

        ExternalSecret synced = Await.synced(kube, ns, "periodic");
        Secret s = Await.secret(kube, ns, "periodic", x -> "one".equals(decoded(x, "password")));
        assertThat(decoded(s, "user")).isEqualTo("alice");
        assertThat(s.getMetadata().getLabels()).containsEntry("reconcile.external-secrets.io/managed", "true");
        assertThat(s.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getController()).isTrue());
        // generation is what syncedResourceVersion starts with (ESO's "<generation>-<metadata hash>")
        assertThat(synced.getStatus().syncedResourceVersion).startsWith(synced.getMetadata().getGeneration() + "-");

        // events pass the real server's validation (the mock accepts any)
        Await.await().until(() -> hasEvent(ns, "periodic", "Created"));

        // the provider's value changes: the periodic one follows by itself
        fakeData(ns, Map.of("user", "alice", "password", "two"));
        Await.secret(kube, ns, "periodic", x -> "two".equals(decoded(x, "password")));

        // force-sync: a changed annotation syncs the hourly one now
        ExternalSecret hourly = Await.synced(kube, ns, "hourly");
        Instant firstSync = Instant.parse(hourly.getStatus().refreshTime);
        Await.await().until(() -> Instant.now().isAfter(firstSync.plusSeconds(1)));
        kube.resources(ExternalSecret.class).inNamespace(ns).withName("hourly")
                .edit(e -> { e.getMetadata().setAnnotations(Map.of("force-sync", "1")); return e; });
        Await.secret(kube, ns, "hourly", x -> "two".equals(decoded(x, "password")));
        ExternalSecret forced = Await.synced(kube, ns, "hourly");
        assertThat(Instant.parse(forced.getStatus().refreshTime)).isAfter(firstSync);
        assertThat(forced.getStatus().syncedResourceVersion).isNotEqualTo(hourly.getStatus().syncedResourceVersion);

        // a spec change bumps generation, and the sync records it
        kube.resources(ExternalSecret.class).inNamespace(ns).withName("hourly")
                .edit(e -> { e.getSpec().refreshInterval = "2h"; return e; });
        Await.await().until(() -> {
            ExternalSecret e = kube.resources(ExternalSecret.class).inNamespace(ns).withName("hourly").get();
            return e.getMetadata().getGeneration() == 2L && e.getStatus().syncedResourceVersion.startsWith("2-");
        });
    }

    @Test
    @Order(2)
    void repairsDrift() {
        String ns = "it-drift";
        fakeData(ns, Map.of("password", "kept"));
        kube.resource(es(ns, "app", "1h", "name: app", "password")).create();
        Secret synced = Await.secret(kube, ns, "app", x -> "kept".equals(decoded(x, "password")));

        Secret edited = secret(ns, "app", Map.of("password", "tampered"));
        edited.setMetadata(synced.getMetadata());
        kube.resource(edited).update();
        Await.secret(kube, ns, "app", x -> "kept".equals(decoded(x, "password")));

        kube.secrets().inNamespace(ns).withName("app").delete();
        Await.secret(kube, ns, "app", x -> "kept".equals(decoded(x, "password")));
    }

    @Test
    @Order(3)
    void creationAndDeletionPolicies() {
        String ns = "it-policies";
        fakeData(ns, Map.of("k", "v", "gone", "soon"));
        kube.resource(secret(ns, "existing", Map.of("own", "mine"))).create();

        kube.resource(es(ns, "orphan", "1h", "name: orphan\ncreationPolicy: Orphan\ndeletionPolicy: Retain", "k")).create();
        kube.resource(es(ns, "merge", "1h", "name: existing\ncreationPolicy: Merge", "k")).create();
        kube.resource(es(ns, "merge-missing", "1h", "name: nowhere\ncreationPolicy: Merge", "k")).create();
        kube.resource(es(ns, "none", "1h", "name: never\ncreationPolicy: None", "k")).create();
        kube.resource(es(ns, "delete", "2s", "name: delete\ndeletionPolicy: Delete", "gone")).create();
        kube.resource(es(ns, "owner-delete", "1h", "name: owner-delete\ndeletionPolicy: Delete", "k")).create();

        Secret orphan = Await.secret(kube, ns, "orphan", x -> "v".equals(decoded(x, "k")));
        assertThat(orphan.getMetadata().getOwnerReferences()).isNullOrEmpty();
        Secret merged = Await.secret(kube, ns, "existing", x -> "v".equals(decoded(x, "k")));
        assertThat(decoded(merged, "own")).isEqualTo("mine");
        // as ESO: no target yet is not an error (Ready=True, SecretMissing), and nothing is created
        Await.externalSecret(kube, ns, "merge-missing", c -> "True".equals(c.status) && "SecretMissing".equals(c.reason));
        assertThat(kube.secrets().inNamespace(ns).withName("nowhere").get()).isNull();
        Await.synced(kube, ns, "none");
        assertThat(kube.secrets().inNamespace(ns).withName("never").get()).isNull();
        Await.secret(kube, ns, "delete", x -> "soon".equals(decoded(x, "gone")));
        Await.secret(kube, ns, "owner-delete", x -> "v".equals(decoded(x, "k")));

        // deletionPolicy Delete: the remote key is gone, so is the Secret
        fakeData(ns, Map.of("k", "v"));
        Await.await().until(() -> kube.secrets().inNamespace(ns).withName("delete").get() == null);

        // deleting an ExternalSecret: there is no garbage collector here, so whatever goes, Coffer deleted
        kube.resources(ExternalSecret.class).inNamespace(ns).withName("owner-delete").delete();
        kube.resources(ExternalSecret.class).inNamespace(ns).withName("orphan").delete();
        Await.await().until(() -> kube.resources(ExternalSecret.class).inNamespace(ns).withName("owner-delete").get() == null
                && kube.resources(ExternalSecret.class).inNamespace(ns).withName("orphan").get() == null);
        assertThat(kube.secrets().inNamespace(ns).withName("owner-delete").get()).isNull();
        assertThat(kube.secrets().inNamespace(ns).withName("orphan").get()).as("Retain keeps it").isNotNull();
    }

    @Test
    @Order(4)
    void generatesPasswords() {
        String ns = "it-generators";
        fakeData(ns, Map.of("unused", "x")); // the real server requires fake.data
        kube.resource(Manifests.parse("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: Password
                metadata: {name: pw, namespace: %s}
                spec: {length: 24, digits: 5, symbols: 0, noUpper: false, allowRepeat: true}
                """.formatted(ns), dev.coffer.api.generators.v1alpha1.Password.class)).create();
        kube.resource(externalSecretOn(ns, "generated", "SecretStore", "fake", """
                  dataFrom:
                  - sourceRef:
                      generatorRef: {apiVersion: generators.external-secrets.io/v1alpha1, kind: Password, name: pw}
                """)).create();
        Secret s = Await.secret(kube, ns, "generated", x -> decoded(x, "password") != null);
        assertThat(decoded(s, "password")).hasSize(24).matches("[A-Za-z0-9]+");
        assertThat(decoded(s, "password").chars().filter(Character::isDigit).count()).isEqualTo(5);
    }

    @Test
    @Order(5)
    void validatesStores() {
        String ns = "it-stores";
        peer.ensureNamespace(ns);
        kube.resource(fakeStore(ns, "good", Map.of("k", "v"))).create();
        // valid for the schema, not in use: the token Secret it names does not exist
        SecretStore bad = secretStore(ns, "bad", """
                kubernetes:
                  remoteNamespace: elsewhere
                  auth:
                    token:
                      bearerToken: {name: absent, key: token}
                """);
        kube.resource(bad).create();
        // IRSA reads the ServiceAccount's role annotation (a grant the mock-based RbacTest had not shown missing);
        // without one, the store says so before any AWS call
        peer.ensureServiceAccount(ns, "reader");
        kube.resource(irsaStore(ns, "irsa", "reader")).create();
        Await.await().until(() -> storeReady(ns, "good", "True", "Valid"));
        Await.await().until(() -> storeReady(ns, "bad", "False", null));
        Await.await().until(() -> storeMessage(ns, "irsa").contains("has no eks.amazonaws.com/role-arn annotation"));
        kube.resource(externalSecretOn(ns, "via-bad", "SecretStore", "bad", """
                  data:
                  - secretKey: k
                    remoteRef: {key: k}
                """)).create();
        Await.failing(kube, ns, "via-bad", "");
        assertThat(kube.secrets().inNamespace(ns).withName("via-bad").get()).isNull();
        Await.await().until(() -> hasEvent(ns, "bad", null) && hasEvent(ns, "good", "Valid"));
    }

    private static boolean hasEvent(String ns, String involved, String reason) {
        return kube.v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(e -> involved.equals(e.getInvolvedObject().getName()) && (reason == null || reason.equals(e.getReason())));
    }

    private static String storeMessage(String ns, String name) {
        SecretStore s = kube.resources(SecretStore.class).inNamespace(ns).withName(name).get();
        return s == null || s.getStatus() == null || s.getStatus().conditions == null ? "" : s.getStatus().conditions.stream()
                .filter(c -> "Ready".equals(c.type)).map(c -> String.valueOf(c.message)).findFirst().orElse("");
    }

    private static boolean storeReady(String ns, String name, String status, String reason) {
        SecretStore s = kube.resources(SecretStore.class).inNamespace(ns).withName(name).get();
        return s != null && s.getStatus() != null && s.getStatus().conditions != null && s.getStatus().conditions.stream()
                .anyMatch(c -> "Ready".equals(c.type) && status.equals(c.status) && (reason == null || reason.equals(c.reason)));
    }

    @Test
    @Order(6)
    void unsealsAndRotatesKeys() throws Exception {
        String ns = "it-sealed";
        peer.ensureNamespace(ns);
        RSAPublicKey first = activeKeyCert();
        kube.resource(Fixtures.sealed(first, ns, "db", Scope.STRICT, Map.of("password", "s3cret"))).create();
        Await.secret(kube, ns, "db", x -> "s3cret".equals(decoded(x, "password")));
        Await.await().until(() -> observed(ns, "db"));

        // a spec change: a new generation, unsealed and observed again
        SealedSecret more = Fixtures.sealed(first, ns, "db", Scope.STRICT, Map.of("password", "s3cret", "user", "bob"));
        kube.resources(SealedSecret.class).inNamespace(ns).withName("db")
                .edit(s -> { s.getSpec().setEncryptedData(more.getSpec().getEncryptedData()); return s; });
        Await.secret(kube, ns, "db", x -> "bob".equals(decoded(x, "user")));
        Await.await().until(() -> observed(ns, "db") && kube.resources(SealedSecret.class).inNamespace(ns).withName("db")
                .get().getMetadata().getGeneration() == 2L);

        // rotation: a newer key (as kubeseal users bring their own) seals from now on; the old one still unseals
        SealingKey newer = KeyGenerator.generate(2048, Duration.ofDays(30), Instant.now(), new SecureRandom());
        kube.resource(KeySecrets.toSecret(newer, ChartInstall.NAMESPACE)).create();
        Await.await().until(() -> servedCert().contains(pemBody(newer)));
        kube.resource(Fixtures.sealed(newer.publicKey(), ns, "rotated", Scope.STRICT, Map.of("token", "t0k3n"))).create();
        Await.secret(kube, ns, "rotated", x -> "t0k3n".equals(decoded(x, "token")));
        kube.secrets().inNamespace(ns).withName("db").delete();
        Await.secret(kube, ns, "db", x -> "bob".equals(decoded(x, "user")));
    }

    private static boolean observed(String ns, String name) {
        SealedSecret s = kube.resources(SealedSecret.class).inNamespace(ns).withName(name).get();
        return s.getStatus() != null && s.getMetadata().getGeneration().equals(s.getStatus().getObservedGeneration());
    }

    private static RSAPublicKey activeKeyCert() throws Exception {
        Await.await().until(() -> !kube.secrets().inNamespace(ChartInstall.NAMESPACE).withLabel(KeySecrets.LABEL_SELECTOR)
                .list().getItems().isEmpty());
        List<Secret> keys = kube.secrets().inNamespace(ChartInstall.NAMESPACE).withLabel(KeySecrets.LABEL_SELECTOR).list().getItems();
        return KeySecrets.read(keys.get(0)).publicKey();
    }

    private static String servedCert() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(operator.url("/v1/cert.pem"))).build(),
                HttpResponse.BodyHandlers.ofString()).body().replaceAll("\\s", "");
    }

    private static String pemBody(SealingKey key) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(key.certificate().getEncoded());
    }

    /** What the real server refuses and the mock accepted: a type change in place, new data in an immutable Secret, a bad key. */
    @Test
    @Order(7)
    void writesWhatTheApiServerAccepts() {
        String ns = "it-validation";
        fakeData(ns, Map.of("username", "u", "password", "p"));
        kube.resource(es(ns, "typed", "1h", "name: typed", "username", "password")).create();
        kube.resource(es(ns, "frozen", "1h", "name: frozen\nimmutable: true", "password")).create();
        Await.secret(kube, ns, "typed", x -> "Opaque".equals(x.getType()));
        Await.secret(kube, ns, "frozen", x -> "p".equals(decoded(x, "password")));

        // the type of a Secret is immutable: Coffer replaces the Secret
        kube.resources(ExternalSecret.class).inNamespace(ns).withName("typed").edit(e -> {
            e.getSpec().target.template = Manifests.fragment("{type: kubernetes.io/basic-auth, mergePolicy: Merge}",
                    dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate.class);
            return e;
        });
        Secret typed = Await.secret(kube, ns, "typed", x -> "kubernetes.io/basic-auth".equals(x.getType()));
        assertThat(decoded(typed, "username")).isEqualTo("u");

        // new data for an immutable Secret: as ESO, the Secret is kept as it is and the sync stays Ready
        String before = Await.synced(kube, ns, "frozen").getStatus().syncedResourceVersion;
        fakeData(ns, Map.of("username", "u", "password", "changed"));
        kube.resources(ExternalSecret.class).inNamespace(ns).withName("frozen")
                .edit(e -> { e.getMetadata().setAnnotations(Map.of("force-sync", "1")); return e; });
        Await.await().until(() -> {
            ExternalSecret e = kube.resources(ExternalSecret.class).inNamespace(ns).withName("frozen").get();
            return !before.equals(e.getStatus().syncedResourceVersion);
        });
        Await.synced(kube, ns, "frozen");
        assertThat(decoded(kube.secrets().inNamespace(ns).withName("frozen").get(), "password")).isEqualTo("p");

        // a key the API server refuses (from a template: the CRD's pattern guards data[].secretKey, conversion
        // and rewrite checks guard provider keys) is named, and nothing is written
        kube.resource(externalSecretOn(ns, "bad-key", "SecretStore", "fake", """
                  target:
                    template:
                      data:
                        "user name": "{{ .username }}"
                  data:
                  - secretKey: username
                    remoteRef: {key: username}
                """)).create();
        Await.failing(kube, ns, "bad-key", "Secret key \"user name\" is not valid");
        assertThat(kube.secrets().inNamespace(ns).withName("bad-key").get()).isNull();
    }

    /** Every request the operator made was allowed by the chart's RBAC: fabric8 and JOSDK log a refused one. */
    /**
     * ESO's data-loss rules on the real server: with one of three remote secrets gone, Delete
     * keeps a Secret with the other two (and says which one is missing), Retain reports an error
     * and keeps all three; with all gone, Delete removes the Secret and Retain still keeps it.
     */
    @Test
    @Order(8)
    void missingRemoteSecretsLoseNothingThatEsoKeeps() {
        String ns = "it-missing";
        fakeData(ns, Map.of("a", "1", "b", "2", "c", "3"));
        kube.resource(es(ns, "delete", "2s", "name: delete\ndeletionPolicy: Delete", "a", "b", "c")).create();
        kube.resource(es(ns, "retain", "2s", "name: retain", "a", "b", "c")).create();
        Await.secret(kube, ns, "delete", x -> "3".equals(decoded(x, "c")));
        Await.secret(kube, ns, "retain", x -> "3".equals(decoded(x, "c")));

        fakeData(ns, Map.of("a", "1", "b", "2"));
        Await.await().until(() -> hasEvent(ns, "delete", "MissingProviderSecret"));
        Secret kept = Await.secret(kube, ns, "delete", x -> x.getData().size() == 2);
        assertThat(kept.getData()).containsOnlyKeys("a", "b");
        assertThat(Await.synced(kube, ns, "delete").getStatus().conditions).isNotEmpty();
        Await.failing(kube, ns, "retain", "");
        assertThat(kube.secrets().inNamespace(ns).withName("retain").get().getData()).containsOnlyKeys("a", "b", "c");

        fakeData(ns, Map.of("unrelated", "x"));
        Await.await().until(() -> kube.secrets().inNamespace(ns).withName("delete").get() == null);
        Await.externalSecret(kube, ns, "delete", c -> "True".equals(c.status) && "SecretDeleted".equals(c.reason));
        assertThat(kube.secrets().inNamespace(ns).withName("retain").get().getData()).containsOnlyKeys("a", "b", "c");
    }

    @Test
    @Order(100)
    void theApiServerRefusedNothing() {
        assertThat(operator.isAlive()).isTrue();
        String log = operator.log();
        assertThat(log).doesNotContain("Forbidden").doesNotContain("forbidden").doesNotContain("HTTP 403")
                .doesNotContain("Code: 403");
    }
}
