package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.aws.AwsRequest;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.coffer.provider.aws.SecretsManagerTest.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parameter Store through the real SDK client against the local AWS endpoint. */
class ParameterStoreTest {

    private AwsTestStores t;
    private SecretsClient client;

    @BeforeEach
    void setUp() {
        t = new AwsTestStores();
        client = t.client(AwsTestStores.block(AwsServiceType.ParameterStore));
    }

    @AfterEach
    void tearDown() {
        client.close();
        t.close();
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void getsParameterDecryptedSignedForSsm() {
        t.aws.parameterStore().put("/app/db/password", "pw");

        assertThat(str(client.getSecret(ref("/app/db/password")))).isEqualTo("pw");

        AwsRequest r = t.aws.requests().get(0);
        assertThat(r.service()).isEqualTo("ssm");
        assertThat(r.operation()).isEqualTo("GetParameter");
        assertThat(r.json().path("WithDecryption").asBoolean()).isTrue();
    }

    @Test
    void versionIsAddressedAsNameColonVersion() {
        t.aws.parameterStore().put("/app/key", "v1");
        t.aws.parameterStore().put("/app/key", "v2");

        assertThat(str(client.getSecret(ref("/app/key")))).isEqualTo("v2");
        assertThat(str(client.getSecret(ref("/app/key", null, "1")))).isEqualTo("v1");
        assertThat(t.aws.requests()).anySatisfy(r -> assertThat(r.json().path("Name").asText()).isEqualTo("/app/key:1"));
        assertThatThrownBy(() -> client.getSecret(ref("/app/key", null, "9")))
                // the parameter exists: a missing version is a plain error, not "the remote secret does not exist"
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.MISSING_VALUE));
    }

    @Test
    void propertyAndExtractWorkOnJsonParameters() {
        t.aws.parameterStore().put("/app/json", "{\"a\":\"1\",\"b\":{\"c\":2}}");

        assertThat(str(client.getSecret(ref("/app/json", "b.c", null)))).isEqualTo("2");
        assertThat(client.getSecretMap(ref("/app/json"))).containsOnlyKeys("a", "b");
    }

    @Test
    void prefixIsPrepended() {
        t.aws.parameterStore().put("/team/x", "x");
        AwsProvider block = AwsTestStores.block(AwsServiceType.ParameterStore);
        block.prefix = "/team/";
        try (SecretsClient prefixed = t.client(block)) {
            assertThat(str(prefixed.getSecret(ref("x")))).isEqualTo("x");
        }
    }

    @Test
    void metadataFetchReadsTagsForResource() {
        t.aws.parameterStore().put("/app/tagged", "v");
        t.aws.parameterStore().tag("/app/tagged", "owner", "ops");
        ExternalSecretDataRemoteRef r = ref("/app/tagged");
        r.metadataPolicy = MetadataPolicy.Fetch;

        assertThat(str(client.getSecret(r))).isEqualTo("{\"owner\":\"ops\"}");
        assertThat(t.aws.count("ListTagsForResource")).isEqualTo(1);
    }

    @Test
    void findByPathIsRecursiveAndPaginated() {
        for (int i = 0; i < 12; i++) {
            t.aws.parameterStore().put("/svc/level" + (i % 3) + "/p" + i, "v" + i);
        }
        t.aws.parameterStore().put("/other/p", "no");
        t.aws.pageSize(5);
        ExternalSecretFind find = new ExternalSecretFind();
        find.path = "/svc";

        Map<String, byte[]> found = client.getAllSecrets(find);

        assertThat(found).hasSize(12).doesNotContainKey("/other/p");
        assertThat(t.aws.count("GetParametersByPath")).isEqualTo(3);
        assertThat(t.aws.requests()).allSatisfy(r -> assertThat(r.json().path("Recursive").asBoolean()).isTrue());
    }

    @Test
    void findByNameRegexpSearchesFromTheRootByDefault() {
        t.aws.parameterStore().put("/a/db-user", "u");
        t.aws.parameterStore().put("/b/db-pass", "p");
        t.aws.parameterStore().put("/b/other", "o");
        ExternalSecretFind find = new ExternalSecretFind();
        find.name = new FindName();
        find.name.regexp = "db-";

        assertThat(client.getAllSecrets(find)).containsOnlyKeys("/a/db-user", "/b/db-pass");
        assertThat(t.aws.requests().get(0).json().path("Path").asText()).isEqualTo("/");
    }

    @Test
    void findByTagsDescribesThenGetsTenAtATime() {
        for (int i = 0; i < 23; i++) {
            t.aws.parameterStore().put("/tagged/p" + i, "v" + i);
            t.aws.parameterStore().tag("/tagged/p" + i, "team", "payments");
        }
        t.aws.parameterStore().put("/tagged/other", "x");
        t.aws.parameterStore().tag("/tagged/other", "team", "search");
        t.aws.pageSize(10);
        ExternalSecretFind find = new ExternalSecretFind();
        find.tags = Map.of("team", "payments");

        Map<String, byte[]> found = client.getAllSecrets(find);

        assertThat(found).hasSize(23).doesNotContainKey("/tagged/other");
        assertThat(str(found.get("/tagged/p7"))).isEqualTo("v7");
        assertThat(t.aws.count("DescribeParameters")).isEqualTo(3);
        assertThat(t.aws.count("GetParameters")).isEqualTo(3); // 10 + 10 + 3
        assertThat(t.aws.count("GetParameter")).isZero();
    }

    @Test
    void findFallsBackToDescribeParametersWhenGetParametersByPathIsDenied() {
        t.aws.parameterStore().put("/app/one", "1");
        t.aws.parameterStore().put("/app/two", "2");
        t.aws.fail("GetParametersByPath", -1, 400, "AccessDeniedException", "not allowed");
        ExternalSecretFind find = new ExternalSecretFind();
        find.path = "/app";

        Map<String, byte[]> found = client.getAllSecrets(find);

        assertThat(found).containsOnlyKeys("/app/one", "/app/two");
        assertThat(t.aws.count("DescribeParameters")).isEqualTo(1);
        assertThat(t.aws.count("GetParameters")).isEqualTo(1);
    }
}
