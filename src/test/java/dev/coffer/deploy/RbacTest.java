package dev.coffer.deploy;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LeaseAccessReview;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeClusterStore;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static dev.coffer.testsupport.TestResources.irsaStore;
import static dev.coffer.testsupport.TestResources.secret;
import static dev.coffer.testsupport.TestResources.secretStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege, checked both ways: the real operator runs every controller path against the
 * CRUD mock API server, which records each request; every request Coffer made must be granted
 * by the chart's RBAC, and every grant must have been used by some request, or be listed in
 * {@link #DECLARED} with the reason the mock server cannot show it.
 *
 * <p>The test's own requests go through a client with its own User-Agent and are left out.
 * Leader election is on (as with replicaCount > 1), so the Lease requests are real too. This
 * class has its own profile, hence its own application and mock server: no other test's
 * requests are mixed in.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LeaseAccessReview.class)
@TestProfile(RbacTest.Profile.class)
class RbacTest {

    static final String NS = "apps";
    static final String OTHER_NS = "platform";
    static final String TEST_AGENT = "coffer-rbac-test";
    static final java.util.Map<String, Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>> GENERATOR_CLASSES = java.util.Map.of(
            "Fake", dev.coffer.api.generators.v1alpha1.Fake.class, "SSHKey", dev.coffer.api.generators.v1alpha1.SSHKey.class,
            "STSSessionToken", dev.coffer.api.generators.v1alpha1.STSSessionToken.class,
            "ECRAuthorizationToken", dev.coffer.api.generators.v1alpha1.ECRAuthorizationToken.class,
            "Webhook", dev.coffer.api.generators.v1alpha1.Webhook.class);

    /** Grants no request in this test can show, each with why; keep this list short and honest. */
    static final Map<String, String> DECLARED = Map.of(
            "update external-secrets.io/externalsecrets/finalizers",
            "not a request: the OwnerReferencesPermissionEnforcement admission plugin (OpenShift) checks it when a "
                    + "Secret is created with blockOwnerDeletion; the CRUD mock server has no admission",
            "update bitnami.com/sealedsecrets/finalizers",
            "not a request: the same admission plugin checks it when an unsealed Secret is created with "
                    + "blockOwnerDeletion",
            "update coordination.k8s.io/leases",
            "fabric8's LeaseLock takes and renews the Lease with patch, but JOSDK checks for update "
                    + "(SelfSubjectRulesReview) before it starts the election and refuses to start without it");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("coffer.leader-election.enabled", "true",
                    "coffer.leader-election.lease-namespace", CofferChart.NAMESPACE,
                    "coffer.leader-election.identity", "rbac-test");
        }
    }

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void theChartGrantsExactlyWhatTheControllersUse() throws InterruptedException {
        try (KubernetesClient test = testClient()) {
            exerciseEveryPath(test);
        }
        Set<ApiRequest> used = recordedOperatorRequests();
        List<RbacRules.Grant> grants = RbacRules.grants(CofferChart.render(Map.of("replicaCount", 2)),
                CofferChart.RELEASE, CofferChart.NAMESPACE);

        List<ApiRequest> denied = used.stream().filter(r -> grants.stream().noneMatch(g -> g.allows(r))).toList();
        assertThat(denied).as("requests the chart's RBAC would deny").isEmpty();

        List<RbacRules.Grant> unused = grants.stream()
                .filter(g -> used.stream().noneMatch(g::allows))
                .filter(g -> !DECLARED.containsKey(g.verb() + " " + g.group() + "/" + g.resource()))
                .toList();
        assertThat(unused).as("grants no controller path used (requests seen: %s)", used).isEmpty();

        List<String> stale = DECLARED.keySet().stream()
                .filter(d -> used.stream().anyMatch(r -> d.equals(r.verb() + " " + r.group() + "/" + r.resource()))).toList();
        assertThat(stale).as("declared as not exercisable, yet exercised: drop them from DECLARED").isEmpty();
        System.out.println("RBAC requests seen: " + used);
    }

    /** ExternalSecrets on a SecretStore and a ClusterSecretStore, drift repair, deletion, and the kubernetes provider's reads. */
    private void exerciseEveryPath(KubernetesClient test) {
        test.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
                .addToLabels("coffer.dev/shared-secrets", "allowed").endMetadata().build()).create();
        test.resource(fakeStore(NS, "fake", Map.of("db-user", "admin"))).create();
        test.resource(fakeClusterStore("shared", Map.of("token", "t0k3n"), """
                  conditions:
                  - namespaceSelector:
                      matchLabels:
                        coffer.dev/shared-secrets: allowed
                """)).create();
        test.resource(es("app", "SecretStore", "fake", "db-user", "Delete")).create();
        test.resource(es("shared", "ClusterSecretStore", "shared", "token", "Retain")).create();
        Await.synced(test, NS, "app");
        Await.synced(test, NS, "shared");

        // Drift: the operator rewrites the Secret (update).
        var drifted = test.secrets().inNamespace(NS).withName("app").get();
        drifted.setData(secret(NS, "app", Map.of("username", "tampered")).getData());
        test.secrets().inNamespace(NS).resource(drifted).update();
        Await.secret(test, NS, "app", s -> !s.getData().equals(drifted.getData()));

        // The kubernetes provider: a CA bundle from a ConfigMap, and a TokenRequest for a service account.
        test.resource(kubernetesStore("with-ca", """
                server:
                  caProvider:
                    type: ConfigMap
                    name: remote-ca
                    key: ca.crt
                auth:
                  serviceAccount:
                    name: reader
                """)).create();
        test.resource(kubernetesStore("with-sa", """
                auth:
                  serviceAccount:
                    name: reader
                """)).create();
        // IRSA: the role comes from the ServiceAccount's annotation (read before any AWS call; there is none here)
        test.resource(irsaStore(NS, "irsa", "reader")).create();
        Await.await().until(() -> {
            SecretStore irsa = test.resources(SecretStore.class).inNamespace(NS).withName("irsa").get();
            return irsa.getStatus() != null && irsa.getStatus().conditions != null;
        });
        test.resource(es("via-ca", "SecretStore", "with-ca", "db", "Retain")).create();
        test.resource(es("via-sa", "SecretStore", "with-sa", "db", "Retain")).create();
        Await.failing(test, NS, "via-ca", "");
        Await.failing(test, NS, "via-sa", "");

        // A PushSecret: its source Secret pushed to the fake store, then deleted with deletionPolicy Delete.
        test.resource(secret(NS, "to-push", Map.of("token", "pushed"))).create();
        test.resource(dev.coffer.testsupport.Manifests.parse("""
                apiVersion: external-secrets.io/v1alpha1
                kind: PushSecret
                metadata: {name: push, namespace: %s}
                spec:
                  deletionPolicy: Delete
                  secretStoreRefs: [{name: fake, kind: SecretStore}]
                  selector: {secret: {name: to-push}}
                  data: [{match: {secretKey: token, remoteRef: {remoteKey: pushed-token}}}]
                """.formatted(NS), dev.coffer.api.externalsecrets.v1alpha1.PushSecret.class)).create();
        Await.await().until(() -> {
            var ps = test.resources(dev.coffer.api.externalsecrets.v1alpha1.PushSecret.class).inNamespace(NS).withName("push").get();
            return ps.getStatus() != null && ps.getStatus().syncedPushSecrets != null;
        });
        test.resources(dev.coffer.api.externalsecrets.v1alpha1.PushSecret.class).inNamespace(NS).withName("push").delete();
        Await.await().until(() -> test.resources(dev.coffer.api.externalsecrets.v1alpha1.PushSecret.class)
                .inNamespace(NS).withName("push").get() == null);

        // A ClusterExternalSecret stamps an ExternalSecret into the labelled namespace, then removes it.
        test.resource(dev.coffer.testsupport.Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: ClusterExternalSecret
                metadata: {name: fanned}
                spec:
                  namespaceSelectors: [{matchLabels: {coffer.dev/shared-secrets: allowed}}]
                  externalSecretSpec:
                    secretStoreRef: {name: fake, kind: SecretStore}
                    data: [{secretKey: u, remoteRef: {key: db-user}}]
                """, dev.coffer.api.externalsecrets.v1.ClusterExternalSecret.class)).create();
        Await.await().until(() -> test.resources(ExternalSecret.class).inNamespace(NS).withName("fanned").get() != null);
        test.resources(dev.coffer.api.externalsecrets.v1.ClusterExternalSecret.class).withName("fanned").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"spec\":{\"externalSecretSpec\":{\"refreshInterval\":\"2h\"}}}");
        Await.await().until(() -> "2h".equals(test.resources(ExternalSecret.class).inNamespace(NS).withName("fanned").get()
                .getSpec().refreshInterval));
        test.resources(dev.coffer.api.externalsecrets.v1.ClusterExternalSecret.class).withName("fanned").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"spec\":{\"namespaceSelectors\":null}}");
        Await.await().until(() -> test.resources(ExternalSecret.class).inNamespace(NS).withName("fanned").get() == null);

        // A ClusterPushSecret stamps a PushSecret into the labelled namespace, updates it, then removes it.
        test.resource(dev.coffer.testsupport.Manifests.parse("""
                apiVersion: external-secrets.io/v1alpha1
                kind: ClusterPushSecret
                metadata: {name: fanned-push}
                spec:
                  namespaceSelectors: [{matchLabels: {coffer.dev/shared-secrets: allowed}}]
                  pushSecretSpec:
                    secretStoreRefs: [{name: fake}]
                    selector: {secret: {name: to-push}}
                    data: [{match: {secretKey: token, remoteRef: {remoteKey: fanned-token}}}]
                """, dev.coffer.api.externalsecrets.v1alpha1.ClusterPushSecret.class)).create();
        var pushSecrets = test.resources(dev.coffer.api.externalsecrets.v1alpha1.PushSecret.class).inNamespace(NS);
        Await.await().until(() -> pushSecrets.withName("fanned-push").get() != null);
        var cps = test.resources(dev.coffer.api.externalsecrets.v1alpha1.ClusterPushSecret.class).withName("fanned-push");
        cps.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"spec\":{\"pushSecretSpec\":{\"refreshInterval\":\"2h\"}}}");
        Await.await().until(() -> "2h".equals(pushSecrets.withName("fanned-push").get().getSpec().refreshInterval));
        cps.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"spec\":{\"namespaceSelectors\":null}}");
        Await.await().until(() -> pushSecrets.withName("fanned-push").get() == null);

        // Deleting an ExternalSecret with deletionPolicy Delete deletes its Secret and drops the finalizer.
        test.resources(ExternalSecret.class).inNamespace(NS).withName("app").delete();
        Await.await().until(() -> test.secrets().inNamespace(NS).withName("app").get() == null
                && test.resources(ExternalSecret.class).inNamespace(NS).withName("app").get() == null);
        test.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(OTHER_NS).endMetadata().build()).create();

        // Generators: a Password and a ClusterGenerator, read on each sync.
        test.resource(dev.coffer.testsupport.Manifests.parse("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: Password
                metadata: {name: pw, namespace: %s}
                spec: {length: 16, noUpper: false, allowRepeat: true}
                """.formatted(NS), dev.coffer.api.generators.v1alpha1.Password.class)).create();
        test.resource(dev.coffer.testsupport.Manifests.parse("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: ClusterGenerator
                metadata: {name: cluster-uuid}
                spec:
                  kind: UUID
                  generator:
                    uuidSpec: {}
                """, dev.coffer.api.generators.v1alpha1.ClusterGenerator.class)).create();
        test.resource(externalSecretOn(NS, "generated", "SecretStore", "fake", """
                  dataFrom:
                  - sourceRef:
                      generatorRef: {kind: Password, name: pw}
                  - sourceRef:
                      generatorRef: {kind: ClusterGenerator, name: cluster-uuid}
                """)).create();
        Await.synced(test, NS, "generated");
        test.resource(dev.coffer.testsupport.Manifests.parse("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: UUID
                metadata: {name: id, namespace: %s}
                spec: {}
                """.formatted(NS), dev.coffer.api.generators.v1alpha1.UUID.class)).create();
        test.resource(dev.coffer.testsupport.vault.VaultStores.databaseGenerator(NS, "http://127.0.0.1:1",
                "tokenSecretRef: {name: vault-token, key: token}")).create();
        test.resource(externalSecretOn(NS, "generated-uuid", "SecretStore", "fake", """
                  dataFrom:
                  - sourceRef:
                      generatorRef: {kind: UUID, name: id}
                """)).create();
        test.resource(externalSecretOn(NS, "dynamic", "SecretStore", "fake", """
                  dataFrom:
                  - sourceRef:
                      generatorRef: {kind: VaultDynamicSecret, name: db}
                """)).create();
        Await.synced(test, NS, "generated-uuid");
        Await.failing(test, NS, "dynamic", "");

        // The other generator kinds, each read by name: Fake and SSHKey sync; the AWS ones stop at their
        // (missing) credentials Secret and the Webhook at a closed loopback port, after reading the generator.
        String[][] generators = {
            {"Fake", "spec: {data: {k: v}}"},
            {"SSHKey", "spec: {keyType: ed25519}"},
            {"STSSessionToken", "spec: {region: eu-west-1, auth: {secretRef: {accessKeyIDSecretRef: {name: no-aws, key: id},"
                    + " secretAccessKeySecretRef: {name: no-aws, key: secret}}}}"},
            {"ECRAuthorizationToken", "spec: {region: eu-west-1, auth: {secretRef: {accessKeyIDSecretRef: {name: no-aws, key: id},"
                    + " secretAccessKeySecretRef: {name: no-aws, key: secret}}}}"},
            {"Webhook", "spec: {url: 'http://127.0.0.1:1/token', result: {}}"}};
        for (String[] g : generators) {
            String name = g[0].toLowerCase(java.util.Locale.ROOT);
            test.resource(dev.coffer.testsupport.Manifests.parse("""
                    apiVersion: generators.external-secrets.io/v1alpha1
                    kind: %s
                    metadata: {name: %s, namespace: %s}
                    %s
                    """.formatted(g[0], name, NS, g[1]), GENERATOR_CLASSES.get(g[0]))).create();
            test.resource(externalSecretOn(NS, "gen-" + name, "SecretStore", "fake", """
                      dataFrom:
                      - sourceRef:
                          generatorRef: {kind: %s, name: %s}
                    """.formatted(g[0], name))).create();
        }
        Await.synced(test, NS, "gen-fake");
        Await.synced(test, NS, "gen-sshkey");
        Await.failing(test, NS, "gen-stssessiontoken", "no-aws");
        Await.failing(test, NS, "gen-ecrauthorizationtoken", "no-aws");
        Await.failing(test, NS, "gen-webhook", "webhook");

        // SealedSecrets: sealed with the key the operator generated at start-up, unsealed into a Secret.
        Await.await().until(() -> !test.secrets().inNamespace(CofferChart.NAMESPACE)
                .withLabel(dev.coffer.sealing.keys.KeySecrets.LABEL, dev.coffer.sealing.keys.KeySecrets.LABEL_VALUE)
                .list().getItems().isEmpty());
        var keySecret = test.secrets().inNamespace(CofferChart.NAMESPACE)
                .withLabel(dev.coffer.sealing.keys.KeySecrets.LABEL, dev.coffer.sealing.keys.KeySecrets.LABEL_VALUE)
                .list().getItems().get(0);
        java.security.interfaces.RSAPublicKey publicKey;
        try {
            publicKey = dev.coffer.sealing.keys.KeySecrets.read(keySecret).publicKey();
        } catch (dev.coffer.sealing.SealingException e) {
            throw new AssertionError(e.getMessage());
        }
        test.resource(dev.coffer.sealing.controller.Fixtures.sealed(publicKey, NS, "sealed",
                dev.coffer.sealing.Scope.STRICT, Map.of("k", "v"))).create();
        Await.await().until(() -> test.secrets().inNamespace(NS).withName("sealed").get() != null);
        // the status patch follows the Secret: wait for it too, or the check can run before it is sent
        Await.await().until(() -> test.resources(dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret.class)
                .inNamespace(NS).withName("sealed").get().getStatus() != null);
    }

    private static ExternalSecret es(String name, String storeKind, String store, String key, String deletionPolicy) {
        return externalSecretOn(NS, name, storeKind, store, """
                  target:
                    deletionPolicy: %s
                  data:
                  - secretKey: value
                    remoteRef:
                      key: %s
                """.formatted(deletionPolicy, key));
    }

    private static SecretStore kubernetesStore(String name, String auth) {
        return secretStore(NS, name, "kubernetes:\n  remoteNamespace: " + OTHER_NS + "\n" + auth.indent(2));
    }

    private KubernetesClient testClient() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(server.getClient().getMasterUrl().toString())
                .withUserAgent(TEST_AGENT).withTrustCerts(true).withNamespace("default").build()).build();
    }

    /** Every resource request the mock server received, except the test's own. */
    private Set<ApiRequest> recordedOperatorRequests() throws InterruptedException {
        Set<ApiRequest> used = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.getKubernetesMockServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            String agent = r.getHeader("User-Agent");
            if (agent != null && agent.contains(TEST_AGENT)) {
                continue;
            }
            ApiRequest parsed = ApiRequest.parse(r.getMethod(), r.getPath());
            if (parsed == null) {
                skipped.add(r.getMethod() + " " + r.getPath());
            } else if (!isAllowedToEveryone(parsed)) {
                used.add(parsed);
            }
        }
        return used;
    }

    /** Self-reviews are granted to every authenticated user (system:basic-user); JOSDK makes one before leader election. */
    private static boolean isAllowedToEveryone(ApiRequest r) {
        return r.group().equals("authorization.k8s.io") && r.resource().startsWith("selfsubject") && r.verb().equals("create");
    }
}
