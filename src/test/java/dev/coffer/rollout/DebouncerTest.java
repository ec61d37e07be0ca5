package dev.coffer.rollout;

import dev.coffer.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DebouncerTest {

    final MutableClock clock = new MutableClock();
    final Debouncer<String> debouncer = new Debouncer<>(clock, Duration.ofSeconds(5));

    @Test
    void changesWithinTheWindowBecomeOnePieceOfWork() {
        debouncer.offer("web", "db");
        clock.advance(Duration.ofSeconds(2));
        debouncer.offer("web", "tls");
        debouncer.offer("web", "db");
        assertThat(debouncer.takeDue()).isEmpty();
        clock.advance(Duration.ofSeconds(3));
        assertThat(debouncer.takeDue()).isEqualTo(Map.of("web", Set.of("db", "tls")));
        assertThat(debouncer.takeDue()).isEmpty();
        assertThat(debouncer.pendingCount()).isZero();
    }

    @Test
    void theWindowStartsAtTheFirstChangeSoABurstCannotPostponeItForever() {
        debouncer.offer("web", "a");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            debouncer.offer("web", "b" + i);
            assertThat(debouncer.takeDue()).isEmpty();
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(debouncer.takeDue()).containsOnlyKeys("web");
    }

    @Test
    void aChangeAfterTheWindowStartsAnother() {
        debouncer.offer("web", "db");
        clock.advance(Duration.ofSeconds(5));
        assertThat(debouncer.takeDue()).containsOnlyKeys("web");
        debouncer.offer("web", "db");
        assertThat(debouncer.takeDue()).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(debouncer.takeDue()).isEqualTo(Map.of("web", Set.of("db")));
    }

    @Test
    void keysAreIndependentAndANullCauseIsNoName() {
        debouncer.offer("web", null);
        clock.advance(Duration.ofSeconds(3));
        debouncer.offer("api", "db");
        clock.advance(Duration.ofSeconds(2));
        assertThat(debouncer.takeDue()).isEqualTo(Map.of("web", Set.of()));
        clock.advance(Duration.ofSeconds(3));
        assertThat(debouncer.takeDue()).isEqualTo(Map.of("api", Set.of("db")));
    }
}
