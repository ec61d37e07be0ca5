package dev.coffer.peers.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.GeneratorRef;
import dev.coffer.api.externalsecrets.v1.GeneratorState;
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
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.OperatorTest;
import dev.coffer.testsupport.vault.VaultStores;
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

    private static VaultDatabasePeers peers;

    @Inject
    ClientCache operatorClients;

    @BeforeAll
    static void startPeers() {
        peers = VaultDatabasePeers.start("1h", "24h");
    }

    @AfterAll
    static void stopPeers() {
        if (peers != null) {
            peers.close();
        }
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
    }

    @Test
    void credentialsLogInAreRenewedAfterARestartWithoutANewUserAndDieWithTheExternalSecret() throws Exception {
        String ns = newNamespace();
        client.secrets().inNamespace(ns).resource(peers.appRoleSecret(ns)).create();
        client.resource(peers.generator(ns)).create();
        client.resource(VaultStores.dynamicSecretConsumer(ns)).create();

        // 1. the operator writes credentials that log in to PostgreSQL
        ExternalSecret es = synced(ns);
        Secret secret = client.secrets().inNamespace(ns).withName("db-credentials").get();
        String username = decoded(secret, "username");
        String password = decoded(secret, "password");
        assertThat(peers.loginAs(username, password)).isEqualTo(username);
        assertThat(peers.databaseUsers()).containsExactly(username);
        GeneratorState state = es.getStatus().generatorState.get(0);
        String leaseId = state.lease.id;
        JsonNode issued = peers.lookup(leaseId);
        assertThat(issued.path("last_renewal").isNull()).isTrue();
        Instant issuedExpiry = Instant.parse(issued.path("expire_time").asText());
        Instant issuedValidUntil = peers.postgres.validUntil(username).orElseThrow();
        System.out.printf("postgres: created %s, VALID UNTIL %s; Vault lease %s expires %s%n", username, issuedValidUntil,
                leaseId, issuedExpiry);

        // 2. the operator stops: its client for the generator is closed, as the shutdown closes them all
        operatorClients.evict(new StoreIdentity("VaultDynamicSecret", ns, "db"));
        assertThat(peers.loginAs(username, password)).as("stopping the operator leaves the credentials alive").isEqualTo(username);

        // Vault's and PostgreSQL's expiries have one-second steps: let real time pass, so a renewal shows
        Instant issueTime = Instant.parse(issued.path("issue_time").asText());
        await().until(() -> Instant.now().isAfter(issueTime.plusSeconds(2)));

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
        JsonNode renewed = peers.lookup(leaseId);
        Instant renewedExpiry = Instant.parse(renewed.path("expire_time").asText());
        Instant renewedValidUntil = peers.postgres.validUntil(username).orElseThrow();
        System.out.printf("postgres: renewed %s, VALID UNTIL %s; Vault lease last renewed %s, expires %s%n", username,
                renewedValidUntil, renewed.path("last_renewal").asText(), renewedExpiry);
        assertThat(renewed.path("last_renewal").isNull()).as("Vault recorded the renewal").isFalse();
        assertThat(renewedExpiry).as("Vault's expiry moved").isAfter(issuedExpiry);
        assertThat(renewedValidUntil).as("PostgreSQL's VALID UNTIL moved").isAfter(issuedValidUntil);
        assertThat(peers.databaseUsers()).as("no new database user").containsExactly(username);
        assertThat(peers.loginAs(username, password)).isEqualTo(username);

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
        assertThat(peers.databaseUsers()).as("still one database user").containsExactly(username);

        // 5. deleting the ExternalSecret revokes the lease: the role is dropped
        client.resources(ExternalSecret.class).inNamespace(ns).withName("app").delete();
        await().until(() -> peers.databaseUsers().isEmpty());
        assertThat(peers.leaseKnown(leaseId)).as("Vault no longer knows the lease").isFalse();
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

    private static Map<String, byte[]> values(Secret secret) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        secret.getData().forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v)));
        return out;
    }
}
