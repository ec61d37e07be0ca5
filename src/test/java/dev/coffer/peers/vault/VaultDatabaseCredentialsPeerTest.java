package dev.coffer.peers.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.GeneratorRef;
import dev.coffer.api.externalsecrets.v1.GeneratorState;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecret;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.GeneratorLookup;
import dev.coffer.generator.GeneratorRegistry;
import dev.coffer.generator.GeneratorResolver;
import dev.coffer.generator.GeneratorSession;
import dev.coffer.generator.vault.VaultDynamicSecretGenerator;
import dev.coffer.kube.ApiServerKubeAccess;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.store.ClientCache;
import dev.coffer.testsupport.Manifests;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.OperatorTest;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.peers.PeerBinaries;
import dev.coffer.testsupport.peers.PostgresServer;
import dev.coffer.testsupport.peers.VaultDevServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headline case, on real programs: Vault's database secrets engine issues PostgreSQL
 * credentials for an ExternalSecret with a VaultDynamicSecret generator (AppRole login, a
 * least-privilege policy), run by the real reconciler against the mock API server.
 * <ul>
 * <li>the Secret's username and password log in to PostgreSQL;</li>
 * <li>the operator stops (its generator client is closed, as on shutdown) and a fresh instance
 * with a fresh client cache picks up the recorded status: with its clock at the renewal time
 * it renews the lease instead of creating a user, and Vault's own lease lookup (and the role's
 * VALID UNTIL in PostgreSQL) show the later expiry;</li>
 * <li>a forced refresh keeps the credentials: still one database user;</li>
 * <li>deleting the ExternalSecret revokes the lease, and the role is gone from pg_roles.</li>
 * </ul>
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@Tag("peers")
class VaultDatabaseCredentialsPeerTest extends OperatorTest {

    private static final String POLICY = """
            path "database/creds/app" { capabilities = ["read"] }
            path "sys/leases/renew" { capabilities = ["update"] }
            path "sys/leases/revoke" { capabilities = ["update"] }
            """;

    private static PostgresServer postgres;
    private static VaultDevServer vault;
    private static String roleId;
    private static String secretId;

    @Inject
    ClientCache operatorClients;

    @BeforeAll
    static void startPeers() {
        PeerBinaries.require("vault", "vault"); // skip before starting anything when a peer is missing
        PeerBinaries.require("postgres", "postgres");
        postgres = PostgresServer.start();
        vault = VaultDevServer.start();
        vault.write("sys/mounts/database", Map.of("type", "database"));
        vault.write("database/config/coffer-pg", Map.of("plugin_name", "postgresql-database-plugin",
                "connection_url", "postgresql://{{username}}:{{password}}@127.0.0.1:" + postgres.port() + "/postgres?sslmode=disable",
                "username", PostgresServer.SUPERUSER, "password", postgres.superuserPassword(), "allowed_roles", List.of("app")));
        vault.write("database/roles/app", Map.of("db_name", "coffer-pg",
                "creation_statements", List.of("CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';"),
                "default_ttl", "1h", "max_ttl", "24h"));
        vault.write("sys/policies/acl/coffer-db", Map.of("policy", POLICY));
        vault.write("sys/auth/approle", Map.of("type", "approle"));
        vault.write("auth/approle/role/coffer", Map.of("token_policies", List.of("coffer-db"), "token_ttl", "24h",
                "token_max_ttl", "48h"));
        roleId = vault.read("auth/approle/role/coffer/role-id").path("data").path("role_id").asText();
        secretId = vault.write("auth/approle/role/coffer/secret-id", Map.of()).path("data").path("secret_id").asText();
    }

    @AfterAll
    static void stopPeers() {
        if (vault != null) {
            vault.close(); // first: Vault holds connections to PostgreSQL
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
    }

    @Test
    void credentialsLogInAreRenewedAfterARestartWithoutANewUserAndDieWithTheExternalSecret() throws Exception {
        String ns = newNamespace();
        client.secrets().inNamespace(ns).resource(TestResources.secret(ns, "approle", Map.of("secret-id", secretId))).create();
        client.resource(Manifests.parse("""
                apiVersion: generators.external-secrets.io/v1alpha1
                kind: VaultDynamicSecret
                metadata: {name: db, namespace: %s}
                spec:
                  path: database/creds/app
                  provider:
                    server: %s
                    auth:
                      appRole:
                        path: approle
                        roleId: %s
                        secretRef: {name: approle, key: secret-id}
                """.formatted(ns, vault.url(), roleId), VaultDynamicSecret.class)).create();
        client.resource(TestResources.externalSecret("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: app, namespace: %s}
                spec:
                  refreshInterval: 1h
                  target: {name: db-credentials}
                  dataFrom:
                  - sourceRef:
                      generatorRef: {apiVersion: generators.external-secrets.io/v1alpha1, kind: VaultDynamicSecret, name: db}
                """.formatted(ns))).create();

        // 1. the operator writes credentials that log in to PostgreSQL
        ExternalSecret es = synced(ns);
        Secret secret = client.secrets().inNamespace(ns).withName("db-credentials").get();
        String username = decoded(secret, "username");
        String password = decoded(secret, "password");
        assertThat(loginAs(username, password)).isEqualTo(username);
        assertThat(postgres.roles("v-")).containsExactly(username);
        GeneratorState state = es.getStatus().generatorState.get(0);
        String leaseId = state.lease.id;
        JsonNode issued = lookup(leaseId);
        assertThat(issued.path("last_renewal").isNull()).isTrue();
        Instant issuedExpiry = Instant.parse(issued.path("expire_time").asText());
        Instant issuedValidUntil = postgres.validUntil(username).orElseThrow();
        System.out.printf("postgres: created %s, VALID UNTIL %s; Vault lease %s expires %s%n", username, issuedValidUntil,
                leaseId, issuedExpiry);

        // 2. the operator stops: its client for the generator is closed, as the shutdown closes them all
        operatorClients.evict(new StoreIdentity("VaultDynamicSecret", ns, "db"));
        assertThat(loginAs(username, password)).as("stopping the operator leaves the credentials alive").isEqualTo(username);

        // 3. a fresh operator instance (new generator, new client cache) over the recorded status and Secret,
        //    its clock at the lease's renewal time: it renews, it does not create a user
        MutableClock clock = new MutableClock();
        clock.advance(Duration.between(clock.instant(), Instant.parse(state.lease.renewTime).plusSeconds(1)));
        GeneratorRef ref = es.getSpec().dataFrom.get(0).sourceRef.generatorRef;
        List<GeneratorState> renewedStatus;
        try (ClientCache fresh = new ClientCache()) {
            GeneratorSession restarted = new GeneratorSession(
                    new GeneratorRegistry(List.of(new VaultDynamicSecretGenerator(new VaultProviderImpl(clock, Path.of("/nonexistent"))))),
                    new GeneratorResolver(GeneratorLookup.of(client)), new GeneratorContext(ns, new ApiServerKubeAccess(client), fresh),
                    es.getStatus().generatorState, values(secret), false, clock);
            Optional<Map<String, byte[]>> kept = restarted.reuse(state.source, ref);
            assertThat(kept).as("the recorded credentials are reused").hasValueSatisfying(v ->
                    assertThat(new String(v.get("username"))).isEqualTo(username));
            renewedStatus = restarted.commit();
        }
        assertThat(renewedStatus).singleElement().satisfies(s -> assertThat(s.lease.id).isEqualTo(leaseId));
        JsonNode renewed = lookup(leaseId);
        Instant renewedExpiry = Instant.parse(renewed.path("expire_time").asText());
        Instant renewedValidUntil = postgres.validUntil(username).orElseThrow();
        System.out.printf("postgres: renewed %s, VALID UNTIL %s; Vault lease last renewed %s, expires %s%n", username,
                renewedValidUntil, renewed.path("last_renewal").asText(), renewedExpiry);
        assertThat(renewed.path("last_renewal").isNull()).as("Vault recorded the renewal").isFalse();
        assertThat(renewedExpiry).as("Vault's expiry moved").isAfter(issuedExpiry);
        assertThat(renewedValidUntil).as("PostgreSQL's VALID UNTIL moved").isAfter(issuedValidUntil);
        assertThat(postgres.roles("v-")).as("no new database user").containsExactly(username);
        assertThat(loginAs(username, password)).isEqualTo(username);

        // 4. a forced refresh by the running operator keeps the leased credentials
        String syncedVersion = es.getStatus().syncedResourceVersion;
        client.resources(ExternalSecret.class).inNamespace(ns).withName("app").edit(e -> {
            if (e.getMetadata().getAnnotations() == null) {
                e.getMetadata().setAnnotations(new LinkedHashMap<>());
            }
            e.getMetadata().getAnnotations().put("force-sync", "1");
            return e;
        });
        await().until(() -> !syncedVersion.equals(get(ns, "app").getStatus().syncedResourceVersion));
        assertThat(decoded(client.secrets().inNamespace(ns).withName("db-credentials").get(), "username")).isEqualTo(username);
        assertThat(postgres.roles("v-")).as("still one database user").containsExactly(username);

        // 5. deleting the ExternalSecret revokes the lease: the role is dropped
        client.resources(ExternalSecret.class).inNamespace(ns).withName("app").delete();
        await().until(() -> postgres.roles("v-").isEmpty());
        assertThat(vault.send("PUT", "sys/leases/lookup", Map.of("lease_id", leaseId), VaultDevServer.ROOT_TOKEN).statusCode())
                .as("Vault no longer knows the lease").isEqualTo(400);
        System.out.printf("postgres: %s dropped after the ExternalSecret was deleted%n", username);
    }

    private ExternalSecret synced(String ns) {
        await().until(() -> {
            ExternalSecret es = get(ns, "app");
            return es != null && es.getStatus() != null && es.getStatus().conditions != null && es.getStatus().conditions.stream()
                    .anyMatch(c -> "Ready".equals(c.type) && "True".equals(c.status));
        });
        return get(ns, "app");
    }

    private static JsonNode lookup(String leaseId) {
        return vault.call("PUT", "sys/leases/lookup", Map.of("lease_id", leaseId), VaultDevServer.ROOT_TOKEN).path("data");
    }

    /** Logs in to PostgreSQL over TCP with a password and returns current_user. */
    private static String loginAs(String user, String pass) throws SQLException {
        try (Connection c = postgres.connect(user, pass); ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<String, byte[]> values(Secret secret) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        secret.getData().forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v)));
        return out;
    }
}
