package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.providers.AwsAuth;
import dev.coffer.api.externalsecrets.v1.providers.AwsJwtAuth;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.api.externalsecrets.v1.providers.AwsSessionTag;
import dev.coffer.api.externalsecrets.v1.providers.AwsSessionTagsPolicy;
import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.aws.AwsRequest;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.coffer.provider.aws.SecretsManagerTest.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Static keys, IRSA, role chains and refresh, all against the local STS and Secrets Manager. */
class AwsCredentialsTest {

    private static final String ROLE_A = "arn:aws:iam::111111111111:role/hop-a";
    private static final String ROLE_B = "arn:aws:iam::222222222222:role/hop-b";
    private static final String TARGET = "arn:aws:iam::333333333333:role/secrets-reader";
    private static final String IRSA_ROLE = "arn:aws:iam::444444444444:role/irsa";

    private AwsTestStores t;

    @BeforeEach
    void setUp() {
        t = new AwsTestStores();
        t.aws.secretsManager().put("db", "value");
    }

    @AfterEach
    void tearDown() {
        t.close();
    }

    private List<AwsRequest> calls(String operation) {
        return t.aws.requests().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    @Test
    void staticKeysWithSessionTokenSignTheRequest() {
        t.kube.secret(AwsTestStores.NAMESPACE, "aws-creds", Map.of("access-key", AwsTestStores.ACCESS_KEY_ID,
                "secret-key", "k", "token", "static-session-token"));
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        block.auth.secretRef.sessionTokenSecretRef = AwsTestStores.selector("aws-creds", "token");
        // The fake only knows the key as a static one (no token); a token header is harmless there.
        try (SecretsClient c = t.client(block)) {
            c.getSecret(ref("db"));
        }
        assertThat(calls("GetSecretValue").get(0).accessKeyId()).isEqualTo(AwsTestStores.ACCESS_KEY_ID);
    }

    @Test
    void unknownKeysAreDeniedWithATypedError() {
        t.kube.secret(AwsTestStores.NAMESPACE, "aws-creds", Map.of("access-key", "AKIDUNKNOWN", "secret-key", "k"));
        try (SecretsClient c = t.client(AwsTestStores.block(AwsServiceType.SecretsManager))) {
            assertThatThrownBy(() -> c.getSecret(ref("db")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
                        assertThat(e.getMessage()).contains("GetSecretValue").contains("UnrecognizedClientException");
                    });
        }
    }

    @Test
    void aClientForAnotherRegionIsRejectedByTheSignatureScopeCheck() {
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        block.region = "us-east-2";
        try (SecretsClient c = t.client(block)) {
            assertThatThrownBy(() -> c.getSecret(ref("db")))
                    .isInstanceOfSatisfying(ProviderException.class,
                            e -> assertThat(e.getMessage()).contains("SignatureDoesNotMatch"));
        }
    }

    @Test
    void additionalRolesChainThenRoleWithExternalIdAndSessionTags() {
        t.aws.sts().role(ROLE_A, AwsTestStores.ACCESS_KEY_ID, null);
        t.aws.sts().role(ROLE_B, ROLE_A, null);
        t.aws.sts().role(TARGET, ROLE_B, "ext-123");
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        block.additionalRoles = List.of(ROLE_A, ROLE_B);
        block.role = TARGET;
        block.externalID = "ext-123";
        AwsSessionTag tag = new AwsSessionTag();
        tag.key = "team";
        tag.value = "payments";
        block.sessionTags = List.of(tag);
        block.transitiveTagKeys = List.of("team");

        try (SecretsClient c = t.client(block)) {
            assertThat(new String(c.getSecret(ref("db")))).isEqualTo("value");
        }

        List<AwsRequest> assumes = calls("AssumeRole");
        assertThat(assumes).extracting(r -> r.form().get("RoleArn")).containsExactly(ROLE_A, ROLE_B, TARGET);
        assertThat(assumes).extracting(AwsRequest::principal).containsExactly(AwsTestStores.ACCESS_KEY_ID, ROLE_A, ROLE_B);
        assertThat(assumes.get(0).form()).doesNotContainKey("ExternalId");
        Map<String, String> last = assumes.get(2).form();
        assertThat(last).containsEntry("ExternalId", "ext-123")
                .containsEntry("Tags.member.1.Key", "team").containsEntry("Tags.member.1.Value", "payments")
                .containsEntry("TransitiveTagKeys.member.1", "team");
        assertThat(calls("GetSecretValue").get(0).principal()).isEqualTo(TARGET);
    }

    @Test
    void wrongExternalIdIsAccessDeniedNamingTheRole() {
        t.aws.sts().role(TARGET, null, "expected");
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        block.role = TARGET;
        block.externalID = "wrong";
        try (SecretsClient c = t.client(block)) {
            assertThatThrownBy(() -> c.getSecret(ref("db")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
                        assertThat(e.getMessage()).contains("AssumeRole").contains(TARGET);
                    });
            assertThatThrownBy(c::validate).isInstanceOf(ProviderException.class);
        }
        assertThat(calls("GetSecretValue")).isEmpty();
    }

    @Test
    void simpleSessionTagsPolicyAddsStoreTags() {
        t.aws.sts().role(TARGET, null, null);
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        block.role = TARGET;
        block.sessionTagsPolicy = AwsSessionTagsPolicy.Custom;
        block.customSessionTags = Map.of("cost-center", "42");
        block.auth.secretRef.accessKeyIDSecretRef.namespace = AwsTestStores.NAMESPACE;
        block.auth.secretRef.secretAccessKeySecretRef.namespace = AwsTestStores.NAMESPACE;
        try (SecretsClient c = new AwsProviderImpl(t.options()).newClient(t.clusterStore(block, "team-ns"))) {
            c.getSecret(ref("db"));
        }
        Map<String, String> form = calls("AssumeRole").get(0).form();
        assertThat(form.values()).contains("esoNamespace", "team-ns", "esoStoreName", "aws-cluster",
                "esoStoreKind", "ClusterSecretStore", "cost-center", "42");
    }

    @Test
    void assumedCredentialsAreCachedAcrossCalls() {
        t.aws.sts().role(TARGET, null, null);
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        block.role = TARGET;
        try (SecretsClient c = t.client(block, t.optionsWithoutSharing())) {
            for (int i = 0; i < 5; i++) {
                c.getSecret(ref("db"));
            }
        }
        assertThat(calls("AssumeRole")).hasSize(1);
        assertThat(calls("GetSecretValue")).hasSize(5);
    }

    @Test
    void credentialsAboutToExpireAreRefreshedBeforeUse() {
        t.aws.sts().role(TARGET, null, null);
        t.aws.sts().credentialLifetime(Duration.ofMinutes(2)); // inside the SDK's 5-minute prefetch window: refreshed on next use
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        block.role = TARGET;
        try (SecretsClient c = t.client(block, t.optionsWithoutSharing())) {
            c.getSecret(ref("db"));
            c.getSecret(ref("db"));
        }
        List<AwsRequest> gets = calls("GetSecretValue");
        assertThat(calls("AssumeRole")).hasSize(2);
        assertThat(gets.get(0).accessKeyId()).isNotEqualTo(gets.get(1).accessKeyId());
        assertThat(gets).allSatisfy(r -> assertThat(r.principal()).isEqualTo(TARGET));
    }

    private static AwsProvider irsaBlock(String namespace, List<String> audiences) {
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        block.auth = new AwsAuth();
        block.auth.jwt = new AwsJwtAuth();
        block.auth.jwt.serviceAccountRef = new ServiceAccountSelector();
        block.auth.jwt.serviceAccountRef.name = "reader";
        block.auth.jwt.serviceAccountRef.namespace = namespace;
        block.auth.jwt.serviceAccountRef.audiences = audiences;
        return block;
    }

    @Test
    void irsaExchangesAServiceAccountTokenForTheAnnotatedRole() {
        t.kube.serviceAccount(AwsTestStores.NAMESPACE, "reader", Map.of("eks.amazonaws.com/role-arn", IRSA_ROLE));
        t.aws.sts().role(IRSA_ROLE, "web-identity", null);

        try (SecretsClient c = t.client(irsaBlock(null, List.of("extra")))) {
            assertThat(new String(c.getSecret(ref("db")))).isEqualTo("value");
        }

        InMemoryKube.TokenRequest token = t.kube.tokenRequests().get(0);
        assertThat(token.namespace()).isEqualTo(AwsTestStores.NAMESPACE);
        assertThat(token.name()).isEqualTo("reader");
        assertThat(token.audiences()).containsExactly("sts.amazonaws.com", "extra");
        AwsRequest web = calls("AssumeRoleWithWebIdentity").get(0);
        assertThat(web.accessKeyId()).as("AssumeRoleWithWebIdentity is unsigned").isNull();
        assertThat(web.form()).containsEntry("RoleArn", IRSA_ROLE).containsEntry("WebIdentityToken", "eyJ.fake-sa-token-1");
        assertThat(calls("GetSecretValue").get(0).principal()).isEqualTo(IRSA_ROLE);
    }

    @Test
    void irsaThenRole() {
        t.kube.serviceAccount(AwsTestStores.NAMESPACE, "reader", Map.of("eks.amazonaws.com/role-arn", IRSA_ROLE));
        t.aws.sts().role(IRSA_ROLE, "web-identity", null);
        t.aws.sts().role(TARGET, IRSA_ROLE, null);
        AwsProvider block = irsaBlock(null, null);
        block.role = TARGET;
        try (SecretsClient c = t.client(block)) {
            c.getSecret(ref("db"));
        }
        assertThat(calls("GetSecretValue").get(0).principal()).isEqualTo(TARGET);
    }

    @Test
    void withoutServiceAccountAccessTheStoreRoleIsTheWebIdentityRole() {
        t.aws.sts().role(TARGET, "web-identity", null);
        AwsProvider block = irsaBlock(null, null);
        block.role = TARGET;
        try (SecretsClient c = new AwsProviderImpl(t.options()).newClient(t.store(block, t.kube.withoutServiceAccounts()))) {
            c.getSecret(ref("db"));
        }
        assertThat(calls("AssumeRole")).isEmpty();
        assertThat(calls("GetSecretValue").get(0).principal()).isEqualTo(TARGET);
    }

    @Test
    void aSecretStoreMayNotReadCredentialsFromAnotherNamespace() {
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        block.auth.secretRef.accessKeyIDSecretRef.namespace = "elsewhere";
        assertThatThrownBy(() -> t.client(block))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
                    assertThat(e.getMessage()).contains("elsewhere");
                });
        assertThatThrownBy(() -> t.client(irsaBlock("elsewhere", null))).isInstanceOf(ProviderException.class);
    }

    @Test
    void aClusterSecretStoreMayNameTheNamespaceOrUseTheConsumers() {
        t.kube.secret("infra", "aws-creds", Map.of("access-key", AwsTestStores.ACCESS_KEY_ID, "secret-key", "k"));
        AwsProvider named = AwsTestStores.block(AwsServiceType.SecretsManager);
        named.auth.secretRef.accessKeyIDSecretRef.namespace = "infra";
        named.auth.secretRef.secretAccessKeySecretRef.namespace = "infra";
        AwsProviderImpl provider = new AwsProviderImpl(t.options());
        try (SecretsClient c = provider.newClient(t.clusterStore(named, "team-ns"))) {
            c.getSecret(ref("db"));
        }
        // Without a namespace the ExternalSecret's namespace is used: "apps" has the Secret, "nowhere" does not.
        AwsProvider referent = AwsTestStores.block(AwsServiceType.SecretsManager);
        try (SecretsClient c = provider.newClient(t.clusterStore(referent, AwsTestStores.NAMESPACE))) {
            c.getSecret(ref("db"));
        }
        assertThatThrownBy(() -> provider.newClient(t.clusterStore(referent, "nowhere")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.getMessage()).contains("nowhere/aws-creds"));
    }
}
