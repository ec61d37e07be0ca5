package dev.coffer.kube;

import dev.coffer.api.externalsecrets.v1.Condition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00.750Z");
    private static final Instant T1 = Instant.parse("2025-03-01T13:00:00Z");

    @Test
    void newConditionGetsTheCurrentTimeInSeconds() {
        List<Condition> out = Conditions.set(null, "Ready", "True", "SecretSynced", "ok", T0);
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.type).isEqualTo("Ready");
            assertThat(c.status).isEqualTo("True");
            assertThat(c.reason).isEqualTo("SecretSynced");
            assertThat(c.message).isEqualTo("ok");
            assertThat(c.lastTransitionTime).isEqualTo("2025-03-01T12:00:00Z");
        });
    }

    @Test
    void unchangedStatusKeepsTheTransitionTimeButUpdatesReasonAndMessage() {
        List<Condition> first = Conditions.set(null, "Ready", "False", "SecretSyncedError", "a", T0);
        List<Condition> second = Conditions.set(first, "Ready", "False", "SecretMissing", "b", T1);
        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.lastTransitionTime).isEqualTo("2025-03-01T12:00:00Z");
            assertThat(c.reason).isEqualTo("SecretMissing");
            assertThat(c.message).isEqualTo("b");
        });
    }

    @Test
    void flippedStatusMovesTheTransitionTime() {
        List<Condition> first = Conditions.set(null, "Ready", "False", "SecretSyncedError", "a", T0);
        List<Condition> second = Conditions.set(first, "Ready", "True", "SecretSynced", "ok", T1);
        assertThat(second).singleElement().satisfies(c -> assertThat(c.lastTransitionTime).isEqualTo("2025-03-01T13:00:00Z"));
    }

    @Test
    void otherConditionsAreKeptAndTheInputIsNotModified() {
        List<Condition> base = Conditions.set(null, "Other", "True", "R", "m", T0);
        List<Condition> withReady = Conditions.set(base, "Ready", "True", "SecretSynced", "ok", T1);
        assertThat(withReady).extracting(c -> c.type).containsExactly("Other", "Ready");
        assertThat(base).hasSize(1);
        List<Condition> flipped = Conditions.set(withReady, "Ready", "False", "SecretSyncedError", "x", T1.plusSeconds(5));
        assertThat(flipped).extracting(c -> c.type).containsExactly("Other", "Ready");
        assertThat(withReady.get(1).status).isEqualTo("True");
    }

    @Test
    void missingPreviousTransitionTimeIsFilledIn() {
        Condition c = new Condition();
        c.type = "Ready";
        c.status = "True";
        List<Condition> out = Conditions.set(List.of(c), "Ready", "True", "SecretSynced", "ok", T1);
        assertThat(out.get(0).lastTransitionTime).isEqualTo("2025-03-01T13:00:00Z");
    }

    @Test
    void findAndSame() {
        List<Condition> cs = Conditions.set(null, "Ready", "True", "SecretSynced", "ok", T0);
        assertThat(Conditions.find(cs, "Ready")).isPresent();
        assertThat(Conditions.find(cs, "Other")).isEmpty();
        assertThat(Conditions.find(null, "Ready")).isEmpty();
        assertThat(Conditions.same(cs, "Ready", "True", "SecretSynced", "ok")).isTrue();
        assertThat(Conditions.same(cs, "Ready", "True", "SecretSynced", "changed")).isFalse();
        assertThat(Conditions.same(cs, "Ready", "False", "SecretSynced", "ok")).isFalse();
        assertThat(Conditions.same(cs, "Ready", "True", "Other", "ok")).isFalse();
        assertThat(Conditions.same(null, "Ready", "True", "SecretSynced", "ok")).isFalse();
    }
}
