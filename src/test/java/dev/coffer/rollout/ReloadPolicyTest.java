package dev.coffer.rollout;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReloadPolicyTest {

    static final Set<String> REFERENCED = Set.of("db", "tls");

    @Test
    void noAnnotationsAskForNothing() {
        assertThat(ReloadPolicy.of(null).enabled()).isFalse();
        assertThat(ReloadPolicy.of(Map.of("reloader.stakater.com/auto", "false")).enabled()).isFalse();
        assertThat(ReloadPolicy.of(Map.of("secret.reloader.stakater.com/reload", " , ")).enabled()).isFalse();
    }

    @Test
    void autoCountsEveryReferencedSecretAndNoOther() {
        ReloadPolicy auto = ReloadPolicy.of(Map.of("reloader.stakater.com/auto", "true"));
        assertThat(auto.counts("db", REFERENCED, null)).isTrue();
        assertThat(auto.counts("tls", REFERENCED, Map.of())).isTrue();
        assertThat(auto.counts("other", REFERENCED, null)).isFalse();
        assertThat(auto.candidates(REFERENCED)).containsExactlyInAnyOrder("db", "tls");
        assertThat(ReloadPolicy.of(Map.of("secret.reloader.stakater.com/auto", "True")).counts("db", REFERENCED, null)).isTrue();
    }

    @Test
    void reloadNamesSecretsReferencedOrNot() {
        ReloadPolicy named = ReloadPolicy.of(Map.of("secret.reloader.stakater.com/reload", "other, db"));
        assertThat(named.counts("other", REFERENCED, null)).isTrue();
        assertThat(named.counts("db", REFERENCED, null)).isTrue();
        assertThat(named.counts("tls", REFERENCED, null)).as("referenced but not named").isFalse();
        assertThat(named.candidates(REFERENCED)).containsExactlyInAnyOrder("other", "db");
    }

    @Test
    void searchCountsReferencedSecretsThatMatch() {
        ReloadPolicy search = ReloadPolicy.of(Map.of("reloader.stakater.com/search", "true"));
        Map<String, String> match = Map.of("reloader.stakater.com/match", "true");
        assertThat(search.counts("db", REFERENCED, match)).isTrue();
        assertThat(search.counts("tls", REFERENCED, Map.of())).isFalse();
        assertThat(search.counts("other", REFERENCED, match)).as("matching, but not referenced").isFalse();
    }

    @Test
    void anIgnoredSecretNeverCounts() {
        ReloadPolicy auto = ReloadPolicy.of(Map.of("reloader.stakater.com/auto", "true",
                "secret.reloader.stakater.com/reload", "db"));
        assertThat(auto.counts("db", REFERENCED, Map.of("reloader.stakater.com/ignore", "true"))).isFalse();
    }
}
