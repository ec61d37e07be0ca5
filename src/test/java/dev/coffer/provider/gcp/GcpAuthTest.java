package dev.coffer.provider.gcp;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.ProviderException.Kind;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.gcp.FakeGoogleTokens;
import dev.coffer.testsupport.gcp.GcpTestStores;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static dev.coffer.testsupport.gcp.GcpTestStores.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workload identity and federation through the auth library against the local STS and IAM endpoints. */
class GcpAuthTest extends GcpClientTest {

    private static final String GSA = "reader@coffer-test.iam.gserviceaccount.com";

    private static String workloadIdentityStore(String clusterFields) {
        return GcpTestStores.storeManifest("""
                        workloadIdentity:
                          serviceAccountRef: {name: coffer-reader}
                """ + clusterFields);
    }

    private static final String CLUSTER = "          clusterLocation: europe-west1\n"
            + "          clusterName: prod\n"
            + "          clusterProjectID: cluster-project\n";

    @Test
    void workloadIdentityExchangesAServiceAccountTokenAndImpersonatesTheAnnotatedAccount() {
        t.kube.serviceAccount("apps", "coffer-reader", Map.of("iam.gke.io/gcp-service-account", GSA));
        t.sm.addVersion(PROJECT, "k", "via-wi");
        client = t.client(t.store(workloadIdentityStore(CLUSTER)));

        assertThat(utf8(client.getSecret(ref("k")))).isEqualTo("via-wi");

        assertThat(t.kube.tokenRequests()).as("one TokenRequest per exchange").hasSize(1);
        InMemoryKube.TokenRequest tokenRequest = t.kube.tokenRequests().get(0);
        assertThat(tokenRequest.namespace() + "/" + tokenRequest.name()).isEqualTo("apps/coffer-reader");
        assertThat(tokenRequest.audiences()).containsExactly("cluster-project.svc.id.goog");
        FakeGoogleTokens.Request sts = t.tokens.requests("/v1/token").get(0);
        assertThat(sts.fields())
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .containsEntry("subject_token", "token-apps-coffer-reader-1")
                .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:jwt")
                .containsEntry("audience", "identitynamespace:cluster-project.svc.id.goog:"
                        + "https://container.googleapis.com/v1/projects/cluster-project/locations/europe-west1/clusters/prod");
        FakeGoogleTokens.Request iam = t.tokens.requests(":generateAccessToken").get(0);
        assertThat(iam.path()).isEqualTo("/v1/projects/-/serviceAccounts/" + GSA + ":generateAccessToken");
        assertThat(iam.bearer()).startsWith("ya29.sts-");
        assertThat(t.sm.calls().get(0).bearer()).as("Secret Manager sees the impersonated token").startsWith("ya29.iam-");
    }

    @Test
    void withoutTheAnnotationTheFederatedTokenIsUsedDirectly() {
        t.kube.serviceAccount("apps", "coffer-reader", Map.of());
        t.sm.addVersion(PROJECT, "k", "direct");
        client = t.client(t.store(workloadIdentityStore(CLUSTER)));

        assertThat(utf8(client.getSecret(ref("k")))).isEqualTo("direct");
        assertThat(t.tokens.requests(":generateAccessToken")).isEmpty();
        assertThat(t.sm.calls().get(0).bearer()).startsWith("ya29.sts-");
    }

    @Test
    void workloadIdentityOffGkeWithoutClusterFieldsSaysWhichFieldToSet() {
        t.kube.serviceAccount("apps", "coffer-reader", Map.of());
        assertThatThrownBy(() -> t.client(t.store(workloadIdentityStore(""))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_CONFIG);
                    assertThat(e.getMessage()).contains("clusterProjectID is not set", "metadata server");
                });
    }

    @Test
    void federationWithAKubernetesServiceAccountAndAGoogleServiceAccountEmail() {
        t.kube.serviceAccount("apps", "federated", Map.of());
        t.sm.addVersion(PROJECT, "k", "via-wif");
        client = t.client(t.store(GcpTestStores.storeManifest("""
                        workloadIdentityFederation:
                          audience: //iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/k8s/providers/prod
                          serviceAccountRef: {name: federated}
                          gcpServiceAccountEmail: reader@coffer-test.iam.gserviceaccount.com
                """)));

        assertThat(utf8(client.getSecret(ref("k")))).isEqualTo("via-wif");
        assertThat(t.kube.tokenRequests().get(0).audiences())
                .containsExactly("//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/k8s/providers/prod");
        assertThat(t.tokens.requests("/v1/token").get(0).fields())
                .containsEntry("audience", "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/k8s/providers/prod");
        assertThat(t.tokens.requests(":generateAccessToken")).singleElement()
                .satisfies(r -> assertThat(r.path()).contains(GSA));
    }

    @Test
    void federationWithAwsKeysSendsASignedCallerIdentityRequestNeverTheSecretKey() {
        t.kube.secret("apps", "aws-keys", Map.of("aws_access_key_id", "AKIDFEDERATED00000001",
                "aws_secret_access_key", "aws-secret-never-sent"));
        t.sm.addVersion(PROJECT, "k", "via-aws");
        client = t.client(t.store(GcpTestStores.storeManifest("""
                        workloadIdentityFederation:
                          audience: //iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/aws/providers/prod
                          awsSecurityCredentials:
                            region: eu-west-1
                            awsCredentialsSecretRef: {name: aws-keys}
                """)));

        assertThat(utf8(client.getSecret(ref("k")))).isEqualTo("via-aws");
        Map<String, String> sts = t.tokens.requests("/v1/token").get(0).fields();
        assertThat(sts).containsEntry("subject_token_type", "urn:ietf:params:aws:token-type:aws4_request");
        assertThat(sts.get("subject_token")).contains("AKIDFEDERATED00000001", "sts.eu-west-1.amazonaws.com")
                .doesNotContain("aws-secret-never-sent");
    }

    @Test
    void federationRejectsCredConfigAndMissingAudienceClearly() {
        assertThatThrownBy(() -> t.client(t.store(GcpTestStores.storeManifest("""
                        workloadIdentityFederation:
                          credConfig: {name: cred, key: config.json}
                """)))).isInstanceOfSatisfying(ProviderException.class, e ->
                assertThat(e.getMessage()).contains("credConfig", "not supported by Coffer yet"));
        assertThatThrownBy(() -> t.client(t.store(GcpTestStores.storeManifest("""
                        workloadIdentityFederation:
                          serviceAccountRef: {name: federated}
                """)))).isInstanceOfSatisfying(ProviderException.class, e ->
                assertThat(e.getMessage()).contains("audience is required"));
    }

    @Test
    void aKeyThatIsNotAServiceAccountKeyIsRefusedWithoutQuotingIt() {
        t.kube.secret("apps", "gcp-key", Map.of("key.json", "{\"type\":\"external_account\",\"x\":\"hush-hush\"}"));
        assertThatThrownBy(() -> t.client(GcpTestStores.block()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_CONFIG);
                    assertThat(e.getMessage()).contains("not a service-account key").doesNotContain("hush-hush");
                });
        t.kube.secret("apps", "gcp-key", Map.of("key.json", "hush-hush not json"));
        assertThatThrownBy(() -> t.client(GcpTestStores.block()))
                .isInstanceOfSatisfying(ProviderException.class, e ->
                        assertThat(e.getMessage()).contains("not JSON").doesNotContain("hush-hush"));
    }

    @Test
    void validationNamesTheField() {
        var provider = new GcpProviderImpl(t.options());
        assertThatThrownBy(() -> provider.validate(t.store("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: gcp, namespace: apps}
                spec: {provider: {gcpsm: {}}}
                """))).hasMessageContaining("projectID is required");
        assertThatThrownBy(() -> provider.validate(t.store("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: gcp, namespace: apps}
                spec: {provider: {gcpsm: {projectID: p-1, location: "Europe West"}}}
                """))).hasMessageContaining("not a GCP location");
        assertThatThrownBy(() -> provider.validate(t.store(GcpTestStores.storeManifest("""
                        secretRef: {secretAccessKeySecretRef: {name: k, key: k, namespace: other}}
                """)))).hasMessageContaining("may only reference Secrets in its own namespace");
        assertThat(provider.credentialRefs(t.store(GcpTestStores.block()))).hasSize(1);
        assertThat(provider.clientPerConsumerNamespace(t.store(workloadIdentityStore(CLUSTER))))
                .as("a service account without a namespace resolves per consumer namespace").isTrue();
    }
}
