package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.aws.AwsRequest;
import dev.coffer.testsupport.aws.AwsTestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets Manager through the real SDK client against the local AWS endpoint. */
class SecretsManagerTest {

    private AwsTestStores t;
    private SecretsClient client;

    @BeforeEach
    void setUp() {
        t = new AwsTestStores();
        client = t.client(AwsTestStores.block(AwsServiceType.SecretsManager));
    }

    @AfterEach
    void tearDown() {
        client.close();
        t.close();
    }

    static ExternalSecretDataRemoteRef ref(String key) {
        ExternalSecretDataRemoteRef r = new ExternalSecretDataRemoteRef();
        r.key = key;
        return r;
    }

    static ExternalSecretDataRemoteRef ref(String key, String property, String version) {
        ExternalSecretDataRemoteRef r = ref(key);
        r.property = property;
        r.version = version;
        return r;
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void getsSecretStringByNameSignedForSecretsManagerInTheStoreRegion() {
        t.aws.secretsManager().put("db/password", "s3cret");

        assertThat(str(client.getSecret(ref("db/password")))).isEqualTo("s3cret");

        AwsRequest request = t.aws.requests().get(0);
        assertThat(request.service()).isEqualTo("secretsmanager");
        assertThat(request.operation()).isEqualTo("GetSecretValue");
        assertThat(request.accessKeyId()).isEqualTo(AwsTestStores.ACCESS_KEY_ID);
        assertThat(request.json().path("SecretId").asText()).isEqualTo("db/password");
        assertThat(request.json().path("VersionStage").asText()).isEqualTo("AWSCURRENT");
    }

    @Test
    void getsByArn() {
        t.aws.secretsManager().put("by-arn", "v");
        String arn = "arn:aws:secretsmanager:fake:000000000000:secret:by-arn-AbCdEf";
        assertThat(str(client.getSecret(ref(arn)))).isEqualTo("v");
    }

    @Test
    void versionTakesAStageOrAVersionId() {
        String first = t.aws.secretsManager().put("rotated", "old");
        t.aws.secretsManager().put("rotated", "new");

        assertThat(str(client.getSecret(ref("rotated")))).isEqualTo("new");
        assertThat(str(client.getSecret(ref("rotated", null, "AWSCURRENT")))).isEqualTo("new");
        assertThat(str(client.getSecret(ref("rotated", null, "AWSPREVIOUS")))).isEqualTo("old");
        assertThat(str(client.getSecret(ref("rotated", null, "uuid/" + first)))).isEqualTo("old");
        assertThat(str(client.getSecret(ref("rotated", null, first)))).isEqualTo("old");

        assertThat(t.aws.requests()).anySatisfy(r -> assertThat(r.json().path("VersionId").asText()).isEqualTo(first));
    }

    @Test
    void propertyPicksFromJsonWithNestedObjectsAsJson() {
        t.aws.secretsManager().put("app", "{\"user\":\"admin\",\"db\":{\"host\":\"h\",\"port\":5432},"
                + "\"dotted.key\":\"d\",\"list\":[\"a\",\"b\"]}");

        assertThat(str(client.getSecret(ref("app", "user", null)))).isEqualTo("admin");
        assertThat(str(client.getSecret(ref("app", "db", null)))).isEqualTo("{\"host\":\"h\",\"port\":5432}");
        assertThat(str(client.getSecret(ref("app", "db.port", null)))).isEqualTo("5432");
        assertThat(str(client.getSecret(ref("app", "dotted.key", null)))).isEqualTo("d");
        assertThat(str(client.getSecret(ref("app", "list.1", null)))).isEqualTo("b");
    }

    @Test
    void returnsSecretBinaryAsBytes() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, 10};
        t.aws.secretsManager().putBinary("cert.der", bytes);
        assertThat(client.getSecret(ref("cert.der"))).containsExactly(bytes);
    }

    @Test
    void extractSplitsTheJsonObject() {
        t.aws.secretsManager().put("app", "{\"user\":\"admin\",\"db\":{\"port\":5432}}");

        Map<String, byte[]> map = client.getSecretMap(ref("app"));

        assertThat(map).containsOnlyKeys("user", "db");
        assertThat(str(map.get("user"))).isEqualTo("admin");
        assertThat(str(map.get("db"))).isEqualTo("{\"port\":5432}");
    }

    @Test
    void prefixIsPrependedToEveryKey() {
        t.aws.secretsManager().put("team-a/db", "prefixed");
        AwsProvider block = AwsTestStores.block(AwsServiceType.SecretsManager);
        block.prefix = "team-a/";
        try (SecretsClient prefixed = t.client(block)) {
            assertThat(str(prefixed.getSecret(ref("db")))).isEqualTo("prefixed");
        }
    }

    @Test
    void metadataFetchReturnsTheTagsAsJson() {
        t.aws.secretsManager().put("tagged", "v");
        t.aws.secretsManager().tag("tagged", "team", "payments");
        t.aws.secretsManager().tag("tagged", "env", "prod");
        ExternalSecretDataRemoteRef all = ref("tagged");
        all.metadataPolicy = MetadataPolicy.Fetch;
        ExternalSecretDataRemoteRef one = ref("tagged", "team", null);
        one.metadataPolicy = MetadataPolicy.Fetch;

        assertThat(str(client.getSecret(all))).isEqualTo("{\"env\":\"prod\",\"team\":\"payments\"}");
        assertThat(str(client.getSecret(one))).isEqualTo("payments");
        assertThat(t.aws.count("DescribeSecret")).isEqualTo(1); // shared between the two reads
        assertThat(t.aws.count("GetSecretValue")).isZero();
    }

    @Test
    void findByNameRegexpListsPageByPageThenReadsTwentyAtATime() {
        for (int i = 0; i < 45; i++) {
            t.aws.secretsManager().put(String.format("svc/key-%02d", i), "value-" + i);
        }
        t.aws.secretsManager().put("other/key", "not matched");
        t.aws.pageSize(7);
        ExternalSecretFind find = new ExternalSecretFind();
        find.name = new FindName();
        find.name.regexp = "^svc/key-";

        Map<String, byte[]> found = client.getAllSecrets(find);

        assertThat(found).hasSize(45).doesNotContainKey("other/key");
        assertThat(str(found.get("svc/key-44"))).isEqualTo("value-44");
        assertThat(t.aws.count("ListSecrets")).isEqualTo(7); // 46 secrets, 7 a page
        assertThat(t.aws.count("BatchGetSecretValue")).isEqualTo(3); // 20 + 20 + 5
        assertThat(t.aws.count("GetSecretValue")).isZero();
    }

    @Test
    void findByTagsAndPathFiltersOnTheServer() {
        t.aws.secretsManager().put("prod/a", "A");
        t.aws.secretsManager().tag("prod/a", "team", "payments");
        t.aws.secretsManager().put("prod/b", "B");
        t.aws.secretsManager().tag("prod/b", "team", "search");
        t.aws.secretsManager().put("dev/c", "C");
        t.aws.secretsManager().tag("dev/c", "team", "payments");

        ExternalSecretFind byTag = new ExternalSecretFind();
        byTag.tags = Map.of("team", "payments");
        assertThat(client.getAllSecrets(byTag)).containsOnlyKeys("prod/a", "dev/c");

        ExternalSecretFind byPath = new ExternalSecretFind();
        byPath.path = "prod/";
        assertThat(client.getAllSecrets(byPath)).containsOnlyKeys("prod/a", "prod/b");

        ExternalSecretFind both = new ExternalSecretFind();
        both.path = "prod/";
        both.tags = Map.of("team", "payments");
        assertThat(client.getAllSecrets(both)).containsOnlyKeys("prod/a");

        AwsRequest list = t.aws.requests().stream().filter(r -> r.operation().equals("ListSecrets")).findFirst().orElseThrow();
        assertThat(list.json().path("Filters").toString()).contains("tag-key").contains("tag-value");
    }

    @Test
    void findFiltersMatchAsAwsDoesByPrefixCaseSensitivelyWithTagKeysAndValuesApart() {
        // as moto and AWS answer ListSecrets (see AwsVersionsAndFindMotoTest)
        t.aws.secretsManager().put("prod/exact", "A");
        t.aws.secretsManager().tag("prod/exact", "team", "payments");
        t.aws.secretsManager().put("prod/longer-value", "B");
        t.aws.secretsManager().tag("prod/longer-value", "team", "payments-eu");
        t.aws.secretsManager().put("prod/key-elsewhere", "C");
        t.aws.secretsManager().tag("prod/key-elsewhere", "owner", "payments");
        t.aws.secretsManager().tag("prod/key-elsewhere", "team", "search");
        t.aws.secretsManager().put("Prod/upper", "D");
        t.aws.secretsManager().tag("Prod/upper", "team", "payments");

        ExternalSecretFind find = new ExternalSecretFind();
        find.path = "prod/";
        find.tags = Map.of("team", "payments");
        assertThat(client.getAllSecrets(find)).containsOnlyKeys("prod/exact", "prod/longer-value", "prod/key-elsewhere");
        ExternalSecretFind byPath = new ExternalSecretFind();
        byPath.path = "Prod/";
        assertThat(client.getAllSecrets(byPath)).containsOnlyKeys("Prod/upper");
    }

    @Test
    void countsApiCallsInEsoMetric() {
        t.aws.secretsManager().put("counted", "v");
        client.getSecret(ref("counted"));
        try {
            client.getSecret(ref("missing"));
        } catch (RuntimeException expected) {
            // counted as an error
        }
        assertThat(t.apiCalls("AWS/SecretsManager", "GetSecretValue", "success")).isEqualTo(1.0);
        assertThat(t.apiCalls("AWS/SecretsManager", "GetSecretValue", "error")).isEqualTo(1.0);
    }
}
