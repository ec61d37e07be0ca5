package dev.coffer.shard;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RendezvousTest {

    static final List<String> KEYS = keys(3000);

    static List<String> keys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(ShardRing.key("ns-" + (i % 17), "es-" + i));
        }
        return keys;
    }

    @Test
    void noMembersNoOwner() {
        assertThat(Rendezvous.owner("a/b", List.of())).isEmpty();
    }

    @Test
    void theOwnerDoesNotDependOnTheOrderOfMembers() {
        for (String key : KEYS.subList(0, 200)) {
            assertThat(Rendezvous.owner(key, List.of("a", "b", "c"))).isEqualTo(Rendezvous.owner(key, List.of("c", "a", "b")));
        }
    }

    @Test
    void sharesAreEvenWithinTenPercent() {
        Map<String, Integer> counts = new HashMap<>();
        for (String key : KEYS) {
            counts.merge(Rendezvous.owner(key, List.of("coffer-0", "coffer-1", "coffer-2")).orElseThrow(), 1, Integer::sum);
        }
        assertThat(counts).hasSize(3);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(900, 1100));
    }

    @Test
    void aJoiningMemberTakesOnlyKeysForItselfAndALeavingOneGivesOnlyItsOwn() {
        List<String> three = List.of("a", "b", "c");
        List<String> four = List.of("a", "b", "c", "d");
        int moved = 0;
        for (String key : KEYS) {
            String before = Rendezvous.owner(key, three).orElseThrow();
            String after = Rendezvous.owner(key, four).orElseThrow();
            if (!before.equals(after)) {
                assertThat(after).as("a key moves only to the newcomer").isEqualTo("d");
                moved++;
            }
            String withoutB = Rendezvous.owner(key, List.of("a", "c")).orElseThrow();
            if (!before.equals("b")) {
                assertThat(withoutB).as("keys of the others stay when b leaves").isEqualTo(before);
            }
        }
        assertThat(moved).as("about a quarter moves to the fourth member").isBetween(600, 900);
    }

    @Test
    void weightsSeparateMemberFromKey() {
        assertThat(Rendezvous.weight("ab", "c")).isNotEqualTo(Rendezvous.weight("a", "bc"));
    }
}
