package dev.coffer.provider.gcp;

import com.google.cloud.secretmanager.v1.SecretVersion;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.api.externalsecrets.v1.providers.GcpSecretVersionSelectionPolicy;
import dev.coffer.api.externalsecrets.v1.providers.GcpSmProvider;
import dev.coffer.provider.ProviderException;
import dev.coffer.testsupport.gcp.FakeGoogleTokens;
import dev.coffer.testsupport.gcp.FakeSecretManager;
import dev.coffer.testsupport.gcp.GcpTestStores;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static dev.coffer.testsupport.gcp.GcpTestStores.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading through the real Secret Manager SDK, over TLS, against the local gRPC fake. */
class GcpReadTest extends GcpClientTest {


    @Test
    void readsLatestWithATokenFromTheServiceAccountKeysJwtBearerGrant() {
        t.sm.addVersion(PROJECT, "db-password", "first");
        t.sm.addVersion(PROJECT, "db-password", "second");
        client = t.client(GcpTestStores.block());

        assertThat(utf8(client.getSecret(ref("db-password")))).isEqualTo("second");

        FakeSecretManager.Call call = t.sm.calls().get(0);
        assertThat(call.method()).isEqualTo("AccessSecretVersion");
        assertThat(call.name()).isEqualTo("projects/coffer-test/secrets/db-password/versions/latest");
        FakeGoogleTokens.Request grant = t.tokens.requests("/token").get(0);
        assertThat(grant.fields()).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        assertThat(call.bearer()).as("the token the signed assertion bought").startsWith("ya29.sa-");
    }

    @Test
    void aVersionAndAPropertyOfAJsonValue() {
        t.sm.addVersion(PROJECT, "db", "{\"user\":\"old\"}");
        t.sm.addVersion(PROJECT, "db", "{\"user\":\"app\",\"nested\":{\"port\":5432},\"dotted.key\":\"d\"}");
        client = t.client(GcpTestStores.block());

        assertThat(utf8(client.getSecret(ref("db", "user", "1")))).isEqualTo("old");
        assertThat(utf8(client.getSecret(ref("db", "user", null)))).isEqualTo("app");
        assertThat(utf8(client.getSecret(ref("db", "nested.port", null)))).isEqualTo("5432");
        assertThat(utf8(client.getSecret(ref("db", "dotted.key", null)))).isEqualTo("d");
        assertThat(client.getSecretMap(ref("db"))).extractingFromEntries(e -> e.getKey() + "=" + utf8(e.getValue()))
                .containsExactly("user=app", "nested={\"port\":5432}", "dotted.key=d");
    }

    @Test
    void identicalReadsShareOneCallAndOneToken() {
        t.sm.addVersion(PROJECT, "shared", "v");
        t.sm.addVersion(PROJECT, "other", "w");
        client = t.client(GcpTestStores.block());

        for (int i = 0; i < 5; i++) {
            client.getSecret(ref("shared"));
        }
        client.getSecret(ref("other"));

        assertThat(t.sm.count("AccessSecretVersion")).isEqualTo(2);
        assertThat(t.tokens.requests("/token")).as("the access token is cached until near expiry").hasSize(1);
    }

    @Test
    void regionalSecretsUseTheLocationInEveryName() {
        t.sm.addVersion("projects/coffer-test/locations/europe-west1", "regional", "r");
        GcpSmProvider block = GcpTestStores.block();
        block.location = "europe-west1";
        client = t.client(block);

        assertThat(utf8(client.getSecret(ref("regional")))).isEqualTo("r");
        assertThat(t.sm.calls().get(0).name())
                .isEqualTo("projects/coffer-test/locations/europe-west1/secrets/regional/versions/latest");
        assertThat(new SecretNames(PROJECT, "europe-west1").defaultEndpoint())
                .isEqualTo("secretmanager.europe-west1.rep.googleapis.com:443");
        assertThat(new SecretNames(PROJECT, null).defaultEndpoint()).isEqualTo("secretmanager.googleapis.com:443");
    }

    @Test
    void latestOrFetchFallsBackToTheNewestEnabledVersionLatestOrFailDoesNot() {
        t.sm.addVersion(PROJECT, "rotating", "one");
        t.sm.addVersion(PROJECT, "rotating", "two");
        t.sm.addVersion(PROJECT, "rotating", "three");
        t.sm.setState(PROJECT, "rotating", 3, SecretVersion.State.DISABLED);

        client = t.client(GcpTestStores.block());
        assertThatThrownBy(() -> client.getSecret(ref("rotating")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
                    assertThat(e.getMessage()).contains("disabled or destroyed", "LatestOrFetch");
                });
        client.close();

        GcpSmProvider block = GcpTestStores.block();
        block.secretVersionSelectionPolicy = GcpSecretVersionSelectionPolicy.LatestOrFetch;
        client = t.client(block);
        assertThat(utf8(client.getSecret(ref("rotating")))).isEqualTo("two");
        assertThat(t.sm.calls()).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo("ListSecretVersions");
            assertThat(c.filter()).isEqualTo("state:ENABLED");
        });
        assertThatThrownBy(() -> client.getSecret(ref("rotating", null, "3")))
                .as("an explicit version never falls back")
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
    }

    @Test
    void findByNameWalksEveryPageAndReadsTheMatches() {
        for (String key : new String[] {"app-a", "app-b", "app-c", "db-a", "app-d"}) {
            t.sm.addVersion(PROJECT, key, "value-" + key);
        }
        client = t.client(GcpTestStores.block());
        ExternalSecretFind find = new ExternalSecretFind();
        find.name = new FindName();
        find.name.regexp = "^app-";

        Map<String, byte[]> found = client.getAllSecrets(find);

        assertThat(found).containsOnlyKeys("app-a", "app-b", "app-c", "app-d");
        assertThat(utf8(found.get("app-c"))).isEqualTo("value-app-c");
        assertThat(t.sm.count("ListSecrets")).as("5 secrets in pages of %d", FakeSecretManager.PAGE_SIZE).isEqualTo(3);
        assertThat(t.meters.find("externalsecret_provider_api_calls_count")
                .tags("provider", "GCP/SecretManager", "call", "ListSecrets", "status", "success").gauge().value())
                .isEqualTo(3.0);
    }

    @Test
    void findByTagsIsALabelFilterAndPathAPrefix() {
        t.sm.addVersion(PROJECT, "team-a-db", "1");
        t.sm.addVersion(PROJECT, "team-a-api", "2");
        t.sm.addVersion(PROJECT, "x-team-a-db", "3");
        t.sm.addVersion(PROJECT, "team-b-db", "4");
        t.sm.label(PROJECT, "team-a-db", "team", "a");
        t.sm.label(PROJECT, "team-a-api", "team", "a");
        t.sm.label(PROJECT, "x-team-a-db", "team", "a");
        client = t.client(GcpTestStores.block());

        ExternalSecretFind byTags = new ExternalSecretFind();
        byTags.tags = Map.of("team", "a");
        assertThat(client.getAllSecrets(byTags)).containsOnlyKeys("team-a-db", "team-a-api", "x-team-a-db");
        assertThat(t.sm.calls()).anySatisfy(c -> assertThat(c.filter()).isEqualTo("labels.team=a"));

        ExternalSecretFind byPath = new ExternalSecretFind();
        byPath.tags = Map.of("team", "a");
        byPath.path = "team-a";
        assertThat(client.getAllSecrets(byPath)).as("name:team-a matches anywhere; the prefix check drops x-team-a-db")
                .containsOnlyKeys("team-a-db", "team-a-api");
    }

    @Test
    void metadataPolicyFetchReturnsLabelsAndAnnotations() {
        t.sm.addVersion(PROJECT, "with-meta", "never-returned");
        t.sm.label(PROJECT, "with-meta", "team", "payments");
        t.sm.annotate(PROJECT, "with-meta", "owner.example.com/contact", "ops");
        client = t.client(GcpTestStores.block());
        ExternalSecretDataRemoteRef all = ref("with-meta");
        all.metadataPolicy = MetadataPolicy.Fetch;

        assertThat(utf8(client.getSecret(all)))
                .isEqualTo("{\"annotations\":{\"owner.example.com/contact\":\"ops\"},\"labels\":{\"team\":\"payments\"}}");
        ExternalSecretDataRemoteRef one = ref("with-meta", "labels.team", null);
        one.metadataPolicy = MetadataPolicy.Fetch;
        assertThat(utf8(client.getSecret(one))).isEqualTo("payments");
        ExternalSecretDataRemoteRef dotted = ref("with-meta", "annotations.owner.example.com/contact", null);
        dotted.metadataPolicy = MetadataPolicy.Fetch;
        assertThat(utf8(client.getSecret(dotted))).isEqualTo("ops");
        assertThat(t.sm.count("AccessSecretVersion")).isZero();
        assertThat(t.sm.count("GetSecret")).as("one metadata read, shared").isEqualTo(1);
    }
}
