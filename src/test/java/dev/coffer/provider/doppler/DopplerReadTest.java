package dev.coffer.provider.doppler;

import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.doppler.FakeDoppler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads through the real provider against a local server speaking Doppler's v3 download API. */
class DopplerReadTest {

    private final DopplerStores stores = new DopplerStores();
    private final FakeDoppler doppler = stores.doppler;

    @AfterEach
    void close() {
        stores.close();
    }

    private static ExternalSecretFind find(String regexp) {
        ExternalSecretFind find = new ExternalSecretFind();
        if (regexp != null) {
            find.name = new FindName();
            find.name.regexp = regexp;
        }
        return find;
    }

    @Test
    void readsKeysPropertiesAndExtractFromOneDownloadWithTheTokenAsBasicUser() {
        doppler.secret("backend", "prd", "DB_URL", "postgres://db").secret("backend", "prd", "CONFIG_JSON",
                "{\"user\":\"app\",\"port\":5432,\"nested\":{\"a\":1}}");
        SecretsClient client = stores.serviceTokenClient("", Duration.ofSeconds(5));

        assertThat(utf8(client.getSecret(ref("DB_URL")))).isEqualTo("postgres://db");
        assertThat(utf8(client.getSecret(ref("CONFIG_JSON", "user", null)))).isEqualTo("app");
        Map<String, byte[]> extracted = client.getSecretMap(ref("CONFIG_JSON"));
        assertThat(utf8(extracted.get("user"))).isEqualTo("app");
        assertThat(utf8(extracted.get("port"))).isEqualTo("5432");
        assertThat(utf8(extracted.get("nested"))).isEqualTo("{\"a\":1}");

        assertThat(doppler.count("/v3/configs/config/secrets/download")).as("one download serves every read").isEqualTo(1);
        FakeDoppler.Request request = doppler.requests().get(0);
        assertThat(request.user()).isEqualTo(DopplerStores.SERVICE_TOKEN);
        assertThat(request.query()).as("a service token names its own project and config").isEmpty();
        assertThat(request.accept()).isEqualTo("application/json");
    }

    @Test
    void aMissingSecretIsNotFoundButAMissingPropertyIsNot() {
        doppler.secret("backend", "prd", "PLAIN", "text");
        SecretsClient client = stores.serviceTokenClient("", Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.getSecret(ref("NOPE")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("\"NOPE\"");
                });
        assertThatThrownBy(() -> client.getSecret(ref("PLAIN", "field", null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isNotEqualTo(ProviderException.Kind.NOT_FOUND));
    }

    @Test
    void projectAndConfigGoInTheQueryForAPersonalToken() {
        doppler.secret("web", "dev", "API_KEY", "k1");
        SecretsClient client = stores.client("""
                auth:
                  secretRef:
                    dopplerToken: {name: doppler-token, key: personal}
                project: web
                config: dev
                """, Duration.ofSeconds(5));
        assertThat(utf8(client.getSecret(ref("API_KEY")))).isEqualTo("k1");
        FakeDoppler.Request request = doppler.requests().get(0);
        assertThat(request.user()).isEqualTo(DopplerStores.PERSONAL_TOKEN);
        assertThat(request.query()).containsEntry("project", "web").containsEntry("config", "dev");
    }

    @Test
    void findFiltersByNameRegexpAndPathAndAppliesTheNameTransformer() {
        doppler.secret("backend", "prd", "APP_ONE", "1").secret("backend", "prd", "APP_TWO", "2")
                .secret("backend", "prd", "OTHER", "3");
        SecretsClient plain = stores.serviceTokenClient("", Duration.ofSeconds(5));
        assertThat(plain.getAllSecrets(find("^APP_")).keySet()).containsExactlyInAnyOrder("APP_ONE", "APP_TWO");
        assertThat(plain.getAllSecrets(find(null)).keySet()).containsExactlyInAnyOrder("APP_ONE", "APP_TWO", "OTHER");
        ExternalSecretFind byPath = find(null);
        byPath.path = "OTH";
        assertThat(plain.getAllSecrets(byPath).keySet()).containsExactly("OTHER");

        SecretsClient camel = stores.serviceTokenClient("nameTransformer: camel\n", Duration.ofSeconds(5));
        Map<String, byte[]> found = camel.getAllSecrets(find("^app"));
        assertThat(found.keySet()).containsExactlyInAnyOrder("appOne", "appTwo");
        assertThat(doppler.requests().get(doppler.requests().size() - 1).query()).containsEntry("name_transformer", "camel");
    }

    @Test
    void everyNameTransformerReachesDoppler() {
        doppler.secret("backend", "prd", "DB_HOST", "h");
        Map<String, String> expected = Map.of("upper-camel", "DbHost", "camel", "dbHost", "lower-snake", "db_host",
                "tf-var", "TF_VAR_db_host", "dotnet-env", "DB__HOST", "lower-kebab", "db-host");
        expected.forEach((transformer, name) -> assertThat(stores.serviceTokenClient("nameTransformer: " + transformer + "\n",
                Duration.ofSeconds(5)).getAllSecrets(find(null)).keySet()).as(transformer).containsExactly(name));
    }

    @Test
    void aFormatGivesTheWholeDownloadAsDopplerSecretsFile() {
        doppler.secret("backend", "prd", "A", "1").secret("backend", "prd", "B", "2");
        for (String format : new String[]{"env", "yaml", "docker", "dotnet-json", "json"}) {
            SecretsClient client = stores.serviceTokenClient("format: " + format + "\n", Duration.ofSeconds(5));
            Map<String, byte[]> all = client.getAllSecrets(find(null));
            assertThat(all.keySet()).as(format).containsExactly("DOPPLER_SECRETS_FILE");
            FakeDoppler.Request request = doppler.requests().get(doppler.requests().size() - 1);
            assertThat(request.query()).containsEntry("format", format);
            assertThat(request.accept()).isEqualTo(format.equals("json") ? "application/json" : "text/plain");
            if (format.equals("env")) {
                assertThat(utf8(all.get("DOPPLER_SECRETS_FILE"))).isEqualTo("A=\"1\"\nB=\"2\"\n");
            }
        }
    }

    @Test
    void oneDownloadPerWindowServesEveryReaderThenTheETagRevalidates() {
        doppler.secret("backend", "prd", "K", "v1");
        SecretsClient client = stores.serviceTokenClient("", Duration.ZERO);
        assertThat(utf8(client.getSecret(ref("K")))).isEqualTo("v1");
        assertThat(utf8(client.getSecret(ref("K")))).isEqualTo("v1");
        FakeDoppler.Request second = doppler.requests().get(1);
        assertThat(second.ifNoneMatch()).as("the ETag of the body held").isNotNull().startsWith("W/\"");

        doppler.secret("backend", "prd", "K", "v2");
        assertThat(utf8(client.getSecret(ref("K")))).isEqualTo("v2");
        assertThat(doppler.requests()).hasSize(3);
        assertThat(stores.meters.find(DopplerApi.METRIC).tag("call", "DownloadSecrets").tag("status", "success")
                .gauge().value()).isEqualTo(3.0);
    }

    @Test
    void tagsAreRefusedRatherThanIgnored() {
        SecretsClient client = stores.serviceTokenClient("", Duration.ofSeconds(5));
        ExternalSecretFind find = find(null);
        find.tags = Map.of("env", "prod");
        assertThatThrownBy(() -> client.getAllSecrets(find)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
        assertThat(doppler.requests()).isEmpty();
    }
}
