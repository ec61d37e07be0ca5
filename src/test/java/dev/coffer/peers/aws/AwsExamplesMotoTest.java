package dev.coffer.peers.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.aws.AwsOptions;
import dev.coffer.provider.aws.AwsProviderImpl;
import dev.coffer.sync.GoTemplater;
import dev.coffer.sync.SyncEngine;
import dev.coffer.store.ClientCache;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.peers.MotoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in examples/aws, unchanged, against moto: each file's Secrets and
 * ServiceAccounts stand in for the cluster, its store goes through Coffer's AWS provider (the
 * real AWS SDK, with ESO's endpoint variables pointing at moto), and its ExternalSecret through
 * the same fetch code as the reconciler. moto holds the data the examples expect, and counts
 * the calls on its side.
 */
@Tag("peers")
class AwsExamplesMotoTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static MotoServer moto;
    /** One client per store, shared by the ExternalSecret's items, as in the operator. */
    private final ClientCache clients = new ClientCache();

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        seed();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void forgetCalls() {
        moto.resetCalls();
    }

    @org.junit.jupiter.api.AfterEach
    void closeClients() {
        clients.close();
    }

    /** The data the examples read, written with the SDK (as an operator would with the AWS CLI). */
    private static void seed() {
        try (SecretsManagerClient sm = admin(SecretsManagerClient.builder(), "eu-west-1")) {
            sm.createSecret(b -> b.name("payments/database").secretString("{\"password\":\"first-pw\"}"));
            sm.putSecretValue(b -> b.secretId("payments/database").secretString("{\"password\":\"second-pw\"}"));
            sm.createSecret(b -> b.name("payments/api-keys").secretString("{\"stripe\":\"sk-test\",\"sendgrid\":\"sg-test\"}"));
        }
        try (SecretsManagerClient sm = admin(SecretsManagerClient.builder(), "us-east-1")) {
            createTagged(sm, "shared/team-a/db", "{\"host\":\"db.team-a\"}", "team", "team-a");
            createTagged(sm, "shared/team-a/cache", "cache-b", "team", "team-b");
            createTagged(sm, "shared/team-b/db", "db-b", "team", "team-a");
            createTagged(sm, "team-a/elsewhere", "elsewhere", "team", "team-a");
        }
        // the search store's role lives in account 210987654321, and moto keeps each account's data apart
        try (SsmClient ssm = inAccountOf("arn:aws:iam::210987654321:role/search-parameters", SsmClient.builder(), "eu-central-1")) {
            put(ssm, "/search/prod/endpoint", "https://search.internal");
            for (int v = 1; v <= 4; v++) {
                String value = "api-key-v" + v;
                ssm.putParameter(b -> b.name("/search/prod/api-key").value(value).type(ParameterType.SECURE_STRING).overwrite(true));
            }
            put(ssm, "/search/prod/flags/dark-mode", "on");
            put(ssm, "/search/prod/flags/beta/search-v2", "off");
            put(ssm, "/search/prod/other", "not a flag");
        }
        try (SsmClient ssm = admin(SsmClient.builder(), "us-west-2")) {
            put(ssm, "/billing/db", "{\"url\":\"postgres://billing-db/billing\"}");
            ssm.addTagsToResource(b -> b.resourceType("Parameter").resourceId("/billing/db").tags(t -> t.key("app").value("billing")));
            put(ssm, "/billing/invoice-prefix", "INV-");
            ssm.addTagsToResource(b -> b.resourceType("Parameter").resourceId("/billing/invoice-prefix").tags(t -> t.key("app").value("billing")));
            put(ssm, "/search/unrelated", "x");
            ssm.addTagsToResource(b -> b.resourceType("Parameter").resourceId("/search/unrelated").tags(t -> t.key("app").value("search")));
        }
    }

    @Test
    void secretsManagerWithIrsaReadsPropertiesVersionsByStageAndExtracts() {
        Map<String, String> out = sync("secretsmanager-irsa.yaml", "team-a");
        assertThat(out).containsExactlyInAnyOrderEntriesOf(Map.of("password", "second-pw", "previous-password", "first-pw",
                "stripe", "sk-test", "sendgrid", "sg-test"));
        // the web identity exchange once, then the current and previous version and the extracted secret
        assertThat(moto.calls()).containsExactlyInAnyOrderEntriesOf(Map.of("AssumeRoleWithWebIdentity", 1, "GetSecretValue", 3));
        assertThat(moto.requests()).filteredOn(c -> c.operation().equals("AssumeRoleWithWebIdentity"))
                .singleElement().satisfies(c -> {
                    assertThat(MotoServer.formField(c.body(), "RoleArn")).isEqualTo("arn:aws:iam::123456789012:role/payments-secrets-reader");
                    assertThat(c.accessKeyId()).as("AssumeRoleWithWebIdentity is unsigned").isNull();
                });
    }

    @Test
    void secretsManagerWithStaticKeysAssumesTheRoleWithTheExternalIdAndFindsByPathAndTags() {
        Map<String, String> out = sync("secretsmanager-static-keys.yaml", "team-a");
        // found names become keys with "/" replaced by "_", as upstream
        assertThat(out).containsExactlyEntriesOf(Map.of("shared_team-a_db", "{\"host\":\"db.team-a\"}"));

        List<MotoServer.Call> calls = moto.requests();
        assertThat(moto.calls()).containsExactlyInAnyOrderEntriesOf(Map.of("AssumeRole", 1, "ListSecrets", 1, "BatchGetSecretValue", 1));
        MotoServer.Call assume = calls.get(0);
        assertThat(assume.operation()).isEqualTo("AssumeRole");
        assertThat(assume.accessKeyId()).as("the static key signs AssumeRole").isEqualTo("AKIAEXAMPLEEXAMPLE00");
        assertThat(MotoServer.formField(assume.body(), "ExternalId")).isEqualTo("coffer-shared");
        assertThat(MotoServer.formField(assume.body(), "RoleArn")).isEqualTo("arn:aws:iam::123456789012:role/shared-secrets-reader");
        assertThat(calls.subList(1, calls.size())).extracting(MotoServer.Call::accessKeyId)
                .as("the role's temporary key signs the reads")
                .allSatisfy(key -> assertThat(key).isNotNull().isNotEqualTo("AKIAEXAMPLEEXAMPLE00"));
    }

    @Test
    void parameterStoreWithIrsaAndARoleReadsAPinnedVersionAndFindsByPath() {
        Map<String, String> out = sync("parameterstore-irsa.yaml", "search");
        assertThat(out).containsEntry("endpoint", "https://search.internal").containsEntry("api-key", "api-key-v3");
        assertThat(out).containsEntry("_search_prod_flags_dark-mode", "on").containsEntry("_search_prod_flags_beta_search-v2", "off");
        assertThat(out).hasSize(4);
        assertThat(moto.calls()).containsExactlyInAnyOrderEntriesOf(Map.of("AssumeRoleWithWebIdentity", 1, "AssumeRole", 1,
                "GetParameter", 2, "GetParametersByPath", 1));
    }

    @Test
    void parameterStoreWithSessionKeysReadsAPropertyAndFindsByTags() {
        Map<String, String> out = sync("parameterstore-static-keys.yaml", "billing");
        assertThat(out).containsEntry("url", "postgres://billing-db/billing")
                .containsEntry("_billing_invoice-prefix", "INV-").containsEntry("_billing_db", "{\"url\":\"postgres://billing-db/billing\"}")
                .hasSize(3);
        assertThat(moto.calls()).containsExactlyInAnyOrderEntriesOf(Map.of("GetParameter", 1, "DescribeParameters", 1, "GetParameters", 1));
        assertThat(moto.requests()).extracting(MotoServer.Call::accessKeyId).containsOnly("ASIAEXAMPLEEXAMPLE00");
    }

    // ---- running an example

    /** Fetches the example's ExternalSecret as the reconciler would, for a consumer in {@code namespace}. */
    private Map<String, String> sync(String file, String namespace) {
        InMemoryKube kube = new InMemoryKube();
        List<JsonNode> docs = documents(Path.of("examples/aws", file));
        Map<String, StoreContext> stores = new HashMap<>();
        ExternalSecret es = null;
        for (JsonNode doc : docs) {
            String text = yaml(doc);
            String name = doc.path("metadata").path("name").asText();
            String ns = doc.path("metadata").path("namespace").asText(null);
            switch (doc.path("kind").asText()) {
                case "Secret" -> kube.secret(ns, name, YAML.convertValue(doc.path("stringData"), Map.class));
                case "ServiceAccount" -> kube.serviceAccount(ns, name, YAML.convertValue(doc.path("metadata").path("annotations"), Map.class));
                case "SecretStore", "ClusterSecretStore" -> stores.put(name, StoreFixtures.context(text, kube, namespace));
                case "ExternalSecret" -> es = TestResources.externalSecret(text);
                default -> throw new IllegalStateException(file + ": unexpected kind " + doc.path("kind").asText());
            }
        }
        assertThat(es).as(file + " has an ExternalSecret").isNotNull();
        AwsProviderImpl provider = new AwsProviderImpl(options());
        Map<String, byte[]> data = new SyncEngine(new GoTemplater()).fetch(es, ref -> {
            StoreContext store = stores.get(ref.name);
            provider.validate(store);
            return clients.get(store, provider);
        });
        Map<String, String> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    /** Production options, with ESO's endpoint variables pointing at moto (injected, not the process environment). */
    static AwsOptions options() {
        String endpoint = moto.endpoint().toString();
        Map<String, String> env = Map.of("AWS_SECRETSMANAGER_ENDPOINT", endpoint, "AWS_SSM_ENDPOINT", endpoint,
                "AWS_STS_ENDPOINT", endpoint);
        return AwsOptions.defaults().withEnv(env::get).withMeters(new SimpleMeterRegistry());
    }

    private static List<JsonNode> documents(Path file) {
        try {
            return YAML.readValues(YAML.getFactory().createParser(file.toFile()), JsonNode.class).readAll()
                    .stream().filter(d -> d != null && !d.isNull() && !d.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String yaml(JsonNode doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C admin(B builder, String region) {
        return builder.endpointOverride(moto.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDADMIN", "admin"))).build();
    }

    /** A client acting as {@code role} (moto serves that role's account). */
    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C inAccountOf(
            String role, B builder, String region) {
        try (StsClient sts = admin(StsClient.builder(), region)) {
            var c = sts.assumeRole(b -> b.roleArn(role).roleSessionName("seed")).credentials();
            return builder.endpointOverride(moto.endpoint()).region(Region.of(region)).credentialsProvider(
                    StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                    .build();
        }
    }

    private static void createTagged(SecretsManagerClient sm, String name, String value, String tagKey, String tagValue) {
        sm.createSecret(b -> b.name(name).secretString(value).tags(t -> t.key(tagKey).value(tagValue)));
    }

    private static void put(SsmClient ssm, String name, String value) {
        ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
    }
}
