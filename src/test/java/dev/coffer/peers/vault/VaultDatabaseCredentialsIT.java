package dev.coffer.peers.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.peers.kube.ChartInstall;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.OperatorJar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.coffer.testsupport.TestResources.decoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headline case with nothing simulated: the packaged operator (installed from the chart, on
 * the real kube-apiserver), Vault's database secrets engine and PostgreSQL. Leases last 90 s,
 * so renewals happen while the test watches, on the operator's own schedule.
 * <ol>
 * <li>An ExternalSecret with a VaultDynamicSecret generator gets a Secret whose username and
 * password log in to PostgreSQL.</li>
 * <li>The operator renews the lease about two thirds into its TTL: Vault's lease lookup shows
 * the renewal and the later expiry, and PostgreSQL the role's later VALID UNTIL.</li>
 * <li>The operator is stopped (SIGTERM) and a new operator process started over the same API
 * state: it renews the very same lease when due, and PostgreSQL still has one user.</li>
 * <li>Deleting the ExternalSecret revokes the lease: the role is gone from pg_roles.</li>
 * </ol>
 * The lifecycle as PostgreSQL saw it is printed (role, VALID UNTIL, counts, timings).
 */
@Tag("peers")
class VaultDatabaseCredentialsIT {

    private static final String NS = "it-vault-db";
    private static final Duration LEASE = Duration.ofSeconds(90);

    private static VaultDatabasePeers peers;
    private static KubernetesClient kube;
    private static ChartInstall.Installed release;

    private final List<String> lifecycle = new ArrayList<>();
    private final Instant start = Instant.now();

    @BeforeAll
    static void start() {
        KubeApiServerPeer peer = ChartInstall.peerForOperator(); // skips first when the jar or the API server is missing
        peers = VaultDatabasePeers.start(LEASE.toSeconds() + "s", "1h");
        kube = peer.admin();
        release = ChartInstall.install(peer, "coffer-vault", Map.of());
        peer.ensureNamespace(NS);
    }

    @AfterAll
    static void stop() {
        if (peers != null) {
            peers.close();
        }
    }

    /** Waits that may last a whole lease: renewals come on the operator's schedule, not the test's. */
    private static ConditionFactory withinALease() {
        return Awaitility.await().atMost(LEASE.plusSeconds(30)).pollInterval(Duration.ofMillis(500));
    }

    private void record(String format, Object... args) {
        String line = String.format("t+%3ds ", Duration.between(start, Instant.now()).toSeconds()) + String.format(format, args);
        lifecycle.add(line);
        System.out.println("vault-db: " + line);
    }

    @Test
    void credentialsLogInAreRenewedSurviveARestartOnOneLeaseAndDieWithTheExternalSecret() throws Exception {
        String username;
        String password;
        String leaseId;
        JsonNode renewedByFirst;
        try (OperatorJar first = release.start("vault-0")) {
            kube.secrets().inNamespace(NS).resource(peers.appRoleSecret(NS)).create();
            kube.resource(peers.generator(NS)).create();
            kube.resource(VaultStores.dynamicSecretConsumer(NS)).create();

            // 1. credentials that log in
            ExternalSecret synced = Await.synced(kube, NS, "app");
            Secret secret = Await.secret(kube, NS, "db-credentials", s -> s.getData() != null && s.getData().containsKey("username"));
            username = decoded(secret, "username");
            password = decoded(secret, "password");
            assertThat(peers.loginAs(username, password)).isEqualTo(username);
            assertThat(peers.databaseUsers()).containsExactly(username);
            leaseId = synced.getStatus().generatorState.get(0).lease.id;
            JsonNode issued = peers.lookup(leaseId);
            assertThat(issued.path("last_renewal").isNull()).isTrue();
            Instant validUntil = peers.postgres.validUntil(username).orElseThrow();
            record("created role %s (users with prefix %s: %d), VALID UNTIL %s; lease %s issued %s, expires %s", username,
                    VaultDatabasePeers.ROLE_PREFIX, peers.databaseUsers().size(), validUntil, leaseId,
                    issued.path("issue_time").asText(), issued.path("expire_time").asText());

            // 2. the running operator renews on its own schedule
            withinALease().until(() -> !peers.lookup(leaseId).path("last_renewal").isNull());
            renewedByFirst = peers.lookup(leaseId);
            Instant renewedValidUntil = peers.postgres.validUntil(username).orElseThrow();
            record("operator vault-0 renewed the lease at %s: expires %s; VALID UNTIL %s; users %s",
                    renewedByFirst.path("last_renewal").asText(), renewedByFirst.path("expire_time").asText(),
                    renewedValidUntil, peers.databaseUsers());
            assertThat(VaultDatabasePeers.expireTime(renewedByFirst)).as("a renewal about two thirds into the TTL moves the expiry")
                    .isAfter(VaultDatabasePeers.expireTime(issued).plusSeconds(LEASE.toSeconds() / 3));
            assertThat(renewedValidUntil).as("PostgreSQL's VALID UNTIL follows the lease").isAfter(validUntil);
            assertThat(peers.databaseUsers()).containsExactly(username);
            assertThat(peers.loginAs(username, password)).isEqualTo(username);
        }

        // 3. the operator stopped as a pod is stopped; the credentials live on
        record("operator vault-0 stopped; lease known to Vault: %s; users %s", peers.leaseKnown(leaseId), peers.databaseUsers());
        assertThat(peers.leaseKnown(leaseId)).as("stopping the operator does not revoke the lease").isTrue();
        assertThat(peers.loginAs(username, password)).isEqualTo(username);

        try (OperatorJar second = release.start("vault-1")) {
            record("operator vault-1 started");
            Instant firstRenewal = Instant.parse(renewedByFirst.path("last_renewal").asText());
            withinALease().until(() -> Instant.parse(peers.lookup(leaseId).path("last_renewal").asText()).isAfter(firstRenewal));
            JsonNode renewedBySecond = peers.lookup(leaseId);
            record("operator vault-1 renewed the same lease at %s: expires %s; VALID UNTIL %s; users %s",
                    renewedBySecond.path("last_renewal").asText(), renewedBySecond.path("expire_time").asText(),
                    peers.postgres.validUntil(username).orElseThrow(), peers.databaseUsers());
            assertThat(peers.databaseUsers()).as("the restart created no database user").containsExactly(username);
            assertThat(decoded(kube.secrets().inNamespace(NS).withName("db-credentials").get(), "username")).isEqualTo(username);
            assertThat(kube.resources(ExternalSecret.class).inNamespace(NS).withName("app").get()
                    .getStatus().generatorState.get(0).lease.id).isEqualTo(leaseId);
            assertThat(peers.loginAs(username, password)).isEqualTo(username);

            // 4. deleting the ExternalSecret revokes the lease; Vault drops the role
            Instant deleted = Instant.now();
            kube.resources(ExternalSecret.class).inNamespace(NS).withName("app").delete();
            Await.await().until(() -> peers.databaseUsers().isEmpty());
            record("ExternalSecret deleted; role %s gone from pg_roles after %d ms; lease known to Vault: %s", username,
                    Duration.between(deleted, Instant.now()).toMillis(), peers.leaseKnown(leaseId));
            assertThat(peers.leaseKnown(leaseId)).as("Vault no longer knows the lease").isFalse();
        }
        System.out.println("vault-db: lifecycle\n  " + String.join("\n  ", lifecycle));
    }
}
