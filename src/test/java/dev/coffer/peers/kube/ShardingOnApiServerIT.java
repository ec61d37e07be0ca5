package dev.coffer.peers.kube;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.peers.kube.SecretWriteLog.Write;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.controller.Fixtures;
import dev.coffer.sealing.keys.KeyGenerator;
import dev.coffer.sealing.keys.KeySecrets;
import dev.coffer.shard.LeaseShards;
import dev.coffer.shard.Rendezvous;
import dev.coffer.shard.ShardRing;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.peers.KubeApiServerPeer;
import dev.coffer.testsupport.peers.OperatorJar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.coffer.testsupport.TestResources.decoded;
import static dev.coffer.testsupport.TestResources.externalSecretOn;
import static dev.coffer.testsupport.TestResources.fakeStore;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three operator processes (the packaged jar, installed as the chart installs three replicas with
 * {@code sharding.mode=lease}, each with its own pod name) against one real kube-apiserver, sharing
 * ExternalSecrets and SealedSecrets. Who reconciled what is read from each process's own
 * /metrics (per-resource series) and who wrote which Secret from each process's own log. Each
 * resource is reconciled and written by exactly its owner; a SIGKILLed process's share is taken
 * over within about the lease duration; a joining process takes its share; one stopped gracefully
 * (SIGTERM) deletes its Lease and its share moves at once; no Secret's writers
 * ever alternate.
 */
@Tag("peers")
class ShardingOnApiServerIT {

    static final String NS = "it-shard";
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration PATIENCE = Duration.ofMinutes(5); // three JVMs and the API server on two loaded cores
    static final List<String> EXTERNAL = IntStream.range(0, 60).mapToObj(i -> "es-" + i).toList();
    static final List<String> SEALED = IntStream.range(0, 12).mapToObj(i -> "ss-" + i).toList();
    static final List<String> ALL = Stream.concat(EXTERNAL.stream(), SEALED.stream()).toList();
    static final String MEMBERSHIP = "shard membership: ";
    static final DateTimeFormatter LOG_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    static KubeApiServerPeer peer;
    static KubernetesClient kube;
    static ChartInstall.Installed chart;
    static SealingKey key;
    static final List<OperatorJar> started = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void install() {
        peer = ChartInstall.peerForOperator();
        kube = peer.admin();
        chart = ChartInstall.install(peer, "coffer-shard", Map.of("replicaCount", 3, "sharding.mode", "lease",
                "sharding.leaseDuration", "10s", "sharding.renewDeadline", "7s", "sharding.retryPeriod", "2s"));
        assertThat(chart.applicationProperties()).contains("coffer.shard.mode=lease", "coffer.shard.lease-duration=10s",
                "coffer.leader-election.enabled=false");
    }

    @AfterAll
    static void stop() {
        started.forEach(OperatorJar::close);
    }

    @Test
    void eachResourceHasOneProcessAndTheShareMovesOnKillJoinAndStop() {
        peer.ensureNamespace(NS);
        // the sealing key exists before the processes start, so that none of them generates its own
        key = KeyGenerator.generate(2048, Duration.ofDays(30), Instant.now(), new SecureRandom());
        kube.resource(KeySecrets.toSecret(key, ChartInstall.NAMESPACE)).create();
        kube.resource(fakeStore(NS, "fake", Map.of("k", "v1"))).forceConflicts().serverSideApply();
        List<OperatorJar> three = startAll("sharded-a", "sharded-b", "sharded-c");
        awaitMembers(three);

        EXTERNAL.forEach(n -> kube.resource(externalSecretOn(NS, n, "SecretStore", "fake", """
                  data:
                  - secretKey: value
                    remoteRef: {key: k}
                """)).create());
        SEALED.forEach(n -> kube.resource(Fixtures.sealed(key.publicKey(), NS, n, Scope.STRICT, Map.of("value", "v1"))).create());
        awaitValues("v1");

        // each resource reconciled by exactly one process, its owner: the owned shares partition ALL
        for (OperatorJar op : three) {
            assertThat(ReconciledNames.of(op, "externalsecret_reconcile_duration", NS)).as("ExternalSecrets %s reconciled", op)
                    .isNotEmpty().containsExactlyInAnyOrderElementsOf(ownedBy(op, EXTERNAL, three));
            assertThat(ReconciledNames.of(op, "sealed_secrets_controller_condition_info", NS)).as("SealedSecrets %s reconciled", op)
                    .containsExactlyInAnyOrderElementsOf(ownedBy(op, SEALED, three));
        }
        assertOnlyOwnersWrote(writesSince(marksAtStart(three)), three);

        // SIGKILL one process (no shutdown: its Lease stays behind), change everything at once; its share waits, then moves
        OperatorJar victim = three.get(2);
        List<OperatorJar> survivors = three.subList(0, 2);
        List<String> orphans = ownedBy(victim, ALL, three);
        Map<OperatorJar, Integer> marks = marks(survivors);
        Instant killed = Instant.now();
        ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Await.await().until(() -> !victim.isAlive());
        changeEverything("v2");
        awaitValues("v2");
        Duration resynced = Duration.between(killed, Instant.now());
        awaitMembers(survivors);
        Duration handoff = survivors.stream().map(op -> Duration.between(killed, lastMembershipAt(op)))
                .max(Duration::compareTo).orElseThrow();
        System.out.printf("sharding on the API server: %s SIGKILLed; the survivors took its share (%d of %d resources) "
                        + "%d ms later (lease duration %d ms); every resource synced again after %d ms%n",
                victim.identity(), orphans.size(), ALL.size(), handoff.toMillis(), LEASE.toMillis(), resynced.toMillis());
        assertThat(orphans).isNotEmpty();
        assertThat(handoff).isLessThan(LEASE.plus(Duration.ofSeconds(20)));
        List<Write> afterKill = writesSince(marks);
        assertOnlyOwnersWrote(afterKill, survivors);
        assertThat(afterKill).extracting(Write::secret).containsAll(orphans);

        // a fourth process joins: a round of changes while it joins, then one once it acts
        marks = marks(survivors);
        OperatorJar joiner = startAll("sharded-d").get(0);
        marks.put(joiner, 0);
        changeEverything("v3");
        awaitValues("v3");
        List<OperatorJar> next = List.of(survivors.get(0), survivors.get(1), joiner);
        awaitMembers(next);
        assertOneWriterEach(writesSince(marks));
        marks = marks(next);
        changeEverything("v4");
        awaitValues("v4");
        List<Write> afterJoin = writesSince(marks);
        assertOnlyOwnersWrote(afterJoin, next);
        assertThat(afterJoin).extracting(Write::writer).contains(joiner.identity());

        // so far each share moved at most once per change of members: no Secret's writers alternate (a, b, a)
        List<OperatorJar> everyone = List.of(three.get(0), three.get(1), victim, joiner);
        SecretWriteLog.writerRuns(writesSince(marksAtStart(everyone))).forEach((secret, run) ->
                assertThat(run).as("writers of Secret %s/%s, in order", NS, secret).doesNotHaveDuplicates());
        assertThat(everyone).allSatisfy(op -> assertThat(op.log()).doesNotContain("Forbidden").doesNotContain("HTTP 403"));

        // a graceful stop (SIGTERM, as Kubernetes stops a pod): the process deletes its Lease, its share moves at once
        marks = marks(survivors);
        Instant stopping = Instant.now();
        joiner.stop();
        assertThat(kube.leases().inNamespace(ChartInstall.NAMESPACE).withName(LeaseShards.LEASE_PREFIX + joiner.identity()).get())
                .as("Lease of the stopped process").isNull();
        awaitMembers(survivors);
        Duration left = survivors.stream().map(op -> Duration.between(stopping, lastMembershipAt(op)))
                .max(Duration::compareTo).orElseThrow();
        System.out.printf("sharding on the API server: %s stopped gracefully; the others took its share %d ms later%n",
                joiner.identity(), left.toMillis());
        assertThat(left).as("share of a process that stopped gracefully moved before its Lease could expire").isLessThan(LEASE);
        changeEverything("v5");
        awaitValues("v5");
        assertOnlyOwnersWrote(writesSince(marks), survivors);
    }

    /** A new value at the store and in every SealedSecret, and a force-sync annotation on every ExternalSecret. */
    private static void changeEverything(String value) {
        kube.resource(fakeStore(NS, "fake", Map.of("k", value))).forceConflicts().serverSideApply();
        PatchContext merge = PatchContext.of(PatchType.JSON_MERGE);
        EXTERNAL.forEach(n -> kube.resources(ExternalSecret.class).inNamespace(NS).withName(n)
                .patch(merge, "{\"metadata\":{\"annotations\":{\"force-sync\":\"" + value + "\"}}}"));
        SEALED.forEach(n -> {
            String sealed = Fixtures.sealed(key.publicKey(), NS, n, Scope.STRICT, Map.of("value", value))
                    .getSpec().getEncryptedData().get("value");
            kube.resources(SealedSecret.class).inNamespace(NS).withName(n)
                    .patch(merge, "{\"spec\":{\"encryptedData\":{\"value\":\"" + sealed + "\"}}}");
        });
    }

    /** Waits until every ExternalSecret's and SealedSecret's Secret holds {@code value}. */
    private static void awaitValues(String value) {
        Await.await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, String> values = new HashMap<>();
            for (Secret s : kube.secrets().inNamespace(NS).list().getItems()) {
                values.put(s.getMetadata().getName(), s.getData() == null ? null : decoded(s, "value"));
            }
            assertThat(ALL).allSatisfy(n -> assertThat(values.get(n)).as("Secret %s/%s", NS, n).isEqualTo(value));
        });
        EXTERNAL.forEach(n -> Await.synced(kube, NS, n));
    }

    /** Every write since the marks was made by the Secret's owner among {@code live}, and each resource was written. */
    private static void assertOnlyOwnersWrote(List<Write> writes, List<OperatorJar> live) {
        List<String> members = ids(live);
        assertThat(writes).allSatisfy(w -> assertThat(w.writer()).as("writer of Secret %s/%s", NS, w.secret())
                .isEqualTo(Rendezvous.owner(ShardRing.key(NS, w.secret()), members).orElseThrow()));
        assertThat(writes).extracting(Write::secret).containsAll(ALL);
    }

    /** During a change of members: every Secret written, each by one process only. */
    private static void assertOneWriterEach(List<Write> writes) {
        Map<String, List<String>> runs = SecretWriteLog.writerRuns(writes);
        assertThat(runs.keySet()).containsAll(ALL);
        runs.forEach((secret, run) -> assertThat(run).as("writers of Secret %s/%s", NS, secret).hasSize(1));
    }

    private static List<String> ownedBy(OperatorJar op, List<String> names, List<OperatorJar> live) {
        List<String> members = ids(live);
        return names.stream().filter(n -> Rendezvous.owner(ShardRing.key(NS, n), members).orElseThrow()
                .equals(op.identity())).toList();
    }

    private static List<String> ids(List<OperatorJar> ops) {
        return ops.stream().map(OperatorJar::identity).sorted().toList();
    }

    private static Map<OperatorJar, Integer> marks(List<OperatorJar> ops) {
        Map<OperatorJar, Integer> marks = new HashMap<>();
        ops.forEach(op -> marks.put(op, SecretWriteLog.mark(op)));
        return marks;
    }

    private static Map<OperatorJar, Integer> marksAtStart(List<OperatorJar> ops) {
        Map<OperatorJar, Integer> marks = new HashMap<>();
        ops.forEach(op -> marks.put(op, 0));
        return marks;
    }

    private static List<Write> writesSince(Map<OperatorJar, Integer> marks) {
        List<Write> writes = new ArrayList<>();
        marks.forEach((op, mark) -> writes.addAll(SecretWriteLog.since(op, mark, NS)));
        return writes;
    }

    /** Waits until each of {@code live} reports exactly {@code live} as the members, and itself as acting. */
    private static void awaitMembers(List<OperatorJar> live) {
        String members = ids(live).toString();
        Await.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(live)
                .allSatisfy(op -> assertThat(lastMembership(op)).as("membership seen by %s", op.identity())
                        .endsWith(MEMBERSHIP + members + ", this replica (" + op.identity() + ") active")));
    }

    private static String lastMembership(OperatorJar op) {
        return op.log().lines().filter(l -> l.contains(MEMBERSHIP)).reduce((first, second) -> second).orElse("");
    }

    /** When the process logged its current membership, as an instant (the log's stamps are in this machine's zone). */
    private static Instant lastMembershipAt(OperatorJar op) {
        return LocalDateTime.parse(lastMembership(op).substring(0, 23), LOG_STAMP).atZone(ZoneId.systemDefault()).toInstant();
    }

    /**
     * Starts the processes one after the other (each start waits for readiness), keeping each for
     * {@link #stop}. Side by side, one run lost an informer's first list to a closed connection while
     * three JVMs started on two loaded cores, and the operator stops when an informer cannot start.
     */
    private static List<OperatorJar> startAll(String... identities) {
        List<OperatorJar> ops = new ArrayList<>();
        for (String id : identities) {
            OperatorJar op = chart.start(id);
            started.add(op);
            ops.add(op);
        }
        return ops;
    }
}
