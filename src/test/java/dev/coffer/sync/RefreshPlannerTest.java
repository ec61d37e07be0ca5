package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretStatus;
import dev.coffer.testsupport.Specs;
import dev.coffer.testsupport.TestResources;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshPlannerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static ExternalSecret es(String extraSpec) {
        return Specs.es("""
                secretStoreRef: {name: store}
                data:
                  - secretKey: a
                    remoteRef: {key: a}
                """ + extraSpec);
    }

    /** Marks the ExternalSecret as synced at the given time, with its current metadata. */
    private static ExternalSecret synced(ExternalSecret es, Instant at) {
        ExternalSecretStatus status = new ExternalSecretStatus();
        status.syncedResourceVersion = RefreshPlanner.syncedResourceVersion(es.getMetadata());
        status.refreshTime = at.toString();
        es.setStatus(status);
        return es;
    }

    private static Secret intactTarget() {
        Secret s = TestResources.secret("team-a", "app", Map.of("a", "value"));
        s.getMetadata().setLabels(new LinkedHashMap<>(Map.of(ManagedSecret.LABEL_MANAGED, "true")));
        s.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(ManagedSecret.ANNOTATION_DATA_HASH, ManagedSecret.dataHash(s.getData()))));
        return s;
    }

    @Test
    void neverSyncedSyncs() {
        RefreshDecision d = RefreshPlanner.plan(es(""), intactTarget(), NOW);
        assertThat(d.syncNow()).isTrue();
        assertThat(d.why()).isEqualTo("never synced");
        assertThat(d.requeueAfter()).isEmpty();
    }

    @Test
    void neverSyncedSyncsEvenForCreatedOnceAndIntervalZero() {
        assertThat(RefreshPlanner.plan(es("refreshPolicy: CreatedOnce\n"), intactTarget(), NOW).syncNow()).isTrue();
        assertThat(RefreshPlanner.plan(es("refreshInterval: \"0\"\n"), intactTarget(), NOW).syncNow()).isTrue();
    }

    @Test
    void syncedResourceVersionWithoutRefreshTimeSyncs() {
        ExternalSecret es = synced(es(""), NOW);
        es.getStatus().refreshTime = null;
        assertThat(RefreshPlanner.plan(es, intactTarget(), NOW).syncNow()).isTrue();
        es.getStatus().refreshTime = "not a time";
        assertThat(RefreshPlanner.plan(es, intactTarget(), NOW).syncNow()).isTrue();
    }

    @Test
    void freshlySyncedIntactTargetWaits() {
        ExternalSecret es = synced(es(""), NOW.minusSeconds(60));
        RefreshDecision d = RefreshPlanner.plan(es, intactTarget(), NOW);
        assertThat(d.syncNow()).isFalse();
        assertThat(d.requeueAfter()).isPresent();
    }

    @Test
    void labelChangeForcesSync() {
        ExternalSecret es = synced(es(""), NOW.minusSeconds(60));
        es.getMetadata().setLabels(Map.of("team", "a"));
        RefreshDecision d = RefreshPlanner.plan(es, intactTarget(), NOW);
        assertThat(d.syncNow()).isTrue();
        assertThat(d.why()).isEqualTo("spec or metadata changed");
    }

    @Test
    void refreshIntervalZeroIgnoresLaterChangesOnceSyncedAsUpstream() {
        ExternalSecret es = synced(es("refreshInterval: \"0\"\n"), NOW.minusSeconds(60));
        es.getMetadata().setAnnotations(Map.of("force-sync", "1740830400"));
        es.getMetadata().setGeneration(5L);
        assertThat(RefreshPlanner.plan(es, intactTarget(), NOW).syncNow()).isFalse();
        // a lost Secret still syncs
        assertThat(RefreshPlanner.plan(es, null, NOW).syncNow()).isTrue();
    }

    @Test
    void aRefreshTimeInTheFutureSyncsAsUpstream() {
        ExternalSecret es = synced(es(""), NOW.plusSeconds(600));
        assertThat(RefreshPlanner.plan(es, intactTarget(), NOW).why()).isEqualTo("refreshTime is in the future");
    }

    @Test
    void aMissingTargetDoesNotSyncAfterNothingWasLeftAtTheProvider() {
        for (String[] outcome : new String[][] {{"SecretDeleted", SecretWriter.DELETED_BY_POLICY},
                {"SecretSynced", ExternalSecretReconciler.MSG_RETAINED}}) {
            ExternalSecret es = synced(es(""), NOW.minusSeconds(60));
            dev.coffer.api.externalsecrets.v1.Condition ready = new dev.coffer.api.externalsecrets.v1.Condition();
            ready.type = "Ready";
            ready.status = "True";
            ready.reason = outcome[0];
            ready.message = outcome[1];
            es.getStatus().conditions = java.util.List.of(ready);
            assertThat(RefreshPlanner.plan(es, null, NOW).syncNow()).as(outcome[0]).isFalse();
        }
    }

    @Test
    void forceSyncAnnotationForcesSync() {
        ExternalSecret es = synced(es(""), NOW.minusSeconds(60));
        es.getMetadata().setAnnotations(Map.of("force-sync", "1740830400"));
        assertThat(RefreshPlanner.plan(es, intactTarget(), NOW).syncNow()).isTrue();
        // the same annotation again is no change
        synced(es, NOW.minusSeconds(1));
        assertThat(RefreshPlanner.plan(es, intactTarget(), NOW).syncNow()).isFalse();
        // a new value is
        es.getMetadata().setAnnotations(Map.of("force-sync", "1740830401"));
        assertThat(RefreshPlanner.plan(es, intactTarget(), NOW).syncNow()).isTrue();
    }

    @Test
    void generationChangeForcesSync() {
        ExternalSecret es = synced(es(""), NOW.minusSeconds(60));
        es.getMetadata().setGeneration(2L);
        assertThat(RefreshPlanner.plan(es, intactTarget(), NOW).syncNow()).isTrue();
    }

    @Test
    void onChangeSyncsOnMetadataChangeOnly() {
        ExternalSecret es = synced(es("refreshPolicy: OnChange\nrefreshInterval: 1s\n"), NOW.minus(Duration.ofDays(3)));
        RefreshDecision idle = RefreshPlanner.plan(es, intactTarget(), NOW);
        assertThat(idle.syncNow()).isFalse();
        assertThat(idle.requeueAfter()).isEmpty();
        es.getMetadata().setLabels(Map.of("x", "y"));
        assertThat(RefreshPlanner.plan(es, intactTarget(), NOW).syncNow()).isTrue();
    }

    @Test
    void createdOnceDoesNotSyncAgainOnceSynced() {
        ExternalSecret es = synced(es("refreshPolicy: CreatedOnce\n"), NOW.minus(Duration.ofDays(3)));
        RefreshDecision d = RefreshPlanner.plan(es, intactTarget(), NOW);
        assertThat(d.syncNow()).isFalse();
        assertThat(d.requeueAfter()).isEmpty();
        // Spec: "CreatedOnce (sync only if never synced)"; upstream's shouldRefresh ignores metadata changes for it.
        es.getMetadata().setLabels(Map.of("x", "y"));
        es.getMetadata().setGeneration(5L);
        RefreshDecision afterChange = RefreshPlanner.plan(es, intactTarget(), NOW);
        assertThat(afterChange.syncNow()).isFalse();
        assertThat(afterChange.requeueAfter()).isEmpty();
    }

    @Test
    void createdOnceStillRecreatesAMissingOrDriftedTarget() {
        ExternalSecret es = synced(es("refreshPolicy: CreatedOnce\n"), NOW.minusSeconds(5));
        assertThat(RefreshPlanner.plan(es, null, NOW).syncNow()).isTrue();
        Secret drifted = intactTarget();
        drifted.getData().put("a", "Y2hhbmdlZA==");
        assertThat(RefreshPlanner.plan(es, drifted, NOW).syncNow()).isTrue();
    }

    @Test
    void missingTargetSyncs() {
        ExternalSecret es = synced(es(""), NOW.minusSeconds(60));
        RefreshDecision d = RefreshPlanner.plan(es, null, NOW);
        assertThat(d.syncNow()).isTrue();
        assertThat(d.why()).isEqualTo("target Secret is missing");
    }

    @Test
    void targetWithoutManagedLabelSyncs() {
        ExternalSecret es = synced(es(""), NOW.minusSeconds(60));
        Secret t = intactTarget();
        t.getMetadata().getLabels().remove(ManagedSecret.LABEL_MANAGED);
        RefreshDecision d = RefreshPlanner.plan(es, t, NOW);
        assertThat(d.syncNow()).isTrue();
        assertThat(d.why()).isEqualTo("target Secret drifted");
    }

    @Test
    void targetWithEditedDataSyncs() {
        ExternalSecret es = synced(es(""), NOW.minusSeconds(60));
        Secret t = intactTarget();
        t.getData().put("extra", "eA==");
        assertThat(RefreshPlanner.plan(es, t, NOW).syncNow()).isTrue();
    }

    @Test
    void creationPolicyNoneIgnoresTheTarget() {
        ExternalSecret es = synced(es("target: {creationPolicy: None}\n"), NOW.minusSeconds(60));
        RefreshDecision d = RefreshPlanner.plan(es, null, NOW);
        assertThat(d.syncNow()).isFalse();
        assertThat(d.requeueAfter()).isPresent();
    }

    @Test
    void intervalZeroMeansNoRequeue() {
        ExternalSecret es = synced(es("refreshInterval: \"0\"\n"), NOW.minus(Duration.ofDays(30)));
        RefreshDecision d = RefreshPlanner.plan(es, intactTarget(), NOW);
        assertThat(d.syncNow()).isFalse();
        assertThat(d.requeueAfter()).isEmpty();
    }

    @Test
    void periodicWithinIntervalWaitsForTheRemainderPlusAtMostFiveMinutesOfJitter() {
        // default interval 1h: 10% would be 6 min, capped at 5
        ExternalSecret es = synced(es(""), NOW.minus(Duration.ofMinutes(20)));
        RefreshDecision d = RefreshPlanner.plan(es, intactTarget(), NOW);
        assertThat(d.syncNow()).isFalse();
        Duration remaining = Duration.ofMinutes(40);
        assertThat(d.requeueAfter()).hasValueSatisfying(w ->
                assertThat(w).isBetween(remaining, remaining.plusMinutes(5)));
    }

    @Test
    void jitterIsAtMostTenPercentOfShortIntervals() {
        for (int i = 0; i < 50; i++) {
            ExternalSecret es = Specs.es("team-a", "app-" + i, """
                    refreshInterval: 10m
                    data:
                      - secretKey: a
                        remoteRef: {key: a}
                    """);
            synced(es, NOW.minus(Duration.ofMinutes(4)));
            Duration wait = RefreshPlanner.plan(es, intactTarget(), NOW).requeueAfter().orElseThrow();
            assertThat(wait).isGreaterThanOrEqualTo(Duration.ofMinutes(6)).isLessThan(Duration.ofMinutes(7));
        }
    }

    @Test
    void elapsedIntervalSyncs() {
        ExternalSecret es = synced(es("refreshInterval: 30m\n"), NOW.minus(Duration.ofMinutes(30)));
        RefreshDecision d = RefreshPlanner.plan(es, intactTarget(), NOW);
        assertThat(d.syncNow()).isTrue();
        assertThat(d.why()).isEqualTo("refresh interval elapsed");
        ExternalSecret later = synced(es("refreshInterval: 30m\n"), NOW.minus(Duration.ofHours(5)));
        assertThat(RefreshPlanner.plan(later, intactTarget(), NOW).syncNow()).isTrue();
    }

    @Test
    void jitterIsDeterministicPerUid() {
        ExternalSecret a1 = synced(es(""), NOW.minus(Duration.ofMinutes(10)));
        ExternalSecret a2 = synced(es(""), NOW.minus(Duration.ofMinutes(10))); // same uid, a new object (e.g. after restart)
        assertThat(RefreshPlanner.plan(a1, intactTarget(), NOW).requeueAfter())
                .isEqualTo(RefreshPlanner.plan(a2, intactTarget(), NOW).requeueAfter());
        assertThat(RefreshPlanner.nextAfterSync(a1)).isEqualTo(RefreshPlanner.nextAfterSync(a2));
    }

    @Test
    void jitterDiffersAcrossUids() {
        Set<Duration> waits = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            ExternalSecret es = es("");
            es.getMetadata().setUid("3f1c2a9e-0000-4000-8000-" + String.format("%012d", i));
            waits.add(RefreshPlanner.nextAfterSync(es).orElseThrow());
        }
        // 40 ExternalSecrets created together must not all refresh together
        assertThat(waits).hasSizeGreaterThan(20);
        assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(Duration.ofHours(1), Duration.ofHours(1).plusMinutes(5)));
    }

    @Test
    void planAndNextAfterSyncUseTheSameJitter() {
        ExternalSecret es = synced(es("refreshInterval: 2h\n"), NOW);
        Duration next = RefreshPlanner.nextAfterSync(es).orElseThrow();
        Duration planned = RefreshPlanner.plan(es, intactTarget(), NOW).requeueAfter().orElseThrow();
        assertThat(planned).isEqualTo(next);
    }

    @Test
    void nextAfterSyncIsEmptyWithoutPeriodicRefresh() {
        assertThat(RefreshPlanner.nextAfterSync(es("refreshPolicy: CreatedOnce\n"))).isEmpty();
        assertThat(RefreshPlanner.nextAfterSync(es("refreshPolicy: OnChange\n"))).isEmpty();
        assertThat(RefreshPlanner.nextAfterSync(es("refreshInterval: \"0\"\n"))).isEmpty();
        assertThat(RefreshPlanner.nextAfterSync(es("refreshInterval: 0s\n"))).isEmpty();
    }

    @Test
    void nextAfterSyncIsTheIntervalPlusJitter() {
        assertThat(RefreshPlanner.nextAfterSync(es("refreshInterval: 30s\n"))).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(33)));
        assertThat(RefreshPlanner.nextAfterSync(es("refreshInterval: 24h\n"))).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofHours(24), Duration.ofHours(24).plusMinutes(5)));
    }

    @Test
    void syncedResourceVersionIsGenerationDashMetadataHash() {
        ExternalSecret es = es("");
        String v = RefreshPlanner.syncedResourceVersion(es.getMetadata());
        assertThat(v).matches("1-[0-9a-f]+");
        es.getMetadata().setGeneration(7L);
        assertThat(RefreshPlanner.syncedResourceVersion(es.getMetadata())).startsWith("7-").endsWith(v.substring(2));
    }

    @Test
    void syncedResourceVersionIgnoresMapOrderButSeesLabelVersusAnnotation() {
        ExternalSecret a = es("");
        Map<String, String> l1 = new LinkedHashMap<>();
        l1.put("x", "1");
        l1.put("y", "2");
        Map<String, String> l2 = new LinkedHashMap<>();
        l2.put("y", "2");
        l2.put("x", "1");
        a.getMetadata().setLabels(l1);
        String v1 = RefreshPlanner.syncedResourceVersion(a.getMetadata());
        a.getMetadata().setLabels(l2);
        assertThat(RefreshPlanner.syncedResourceVersion(a.getMetadata())).isEqualTo(v1);
        // the same pair as an annotation instead of a label is a different version
        a.getMetadata().setLabels(null);
        a.getMetadata().setAnnotations(l1);
        assertThat(RefreshPlanner.syncedResourceVersion(a.getMetadata())).isNotEqualTo(v1);
    }
}
