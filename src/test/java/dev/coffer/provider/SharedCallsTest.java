package dev.coffer.provider;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedCallsTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();

    private String load() {
        return "v" + loads.incrementAndGet();
    }

    @Test
    void servesWithinTheWindowThenCallsAgain() {
        SharedCalls shared = new SharedCalls(true, Duration.ofSeconds(5), now::get);
        assertThat(shared.<String>get("k", this::load)).isEqualTo("v1");
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(shared.<String>get("k", this::load)).isEqualTo("v1");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(shared.<String>get("k", this::load)).isEqualTo("v2");
        assertThat(shared.<String>get("other", this::load)).isEqualTo("v3");
    }

    @Test
    void disabledAlwaysCalls() {
        SharedCalls shared = new SharedCalls(false, Duration.ofSeconds(5), now::get);
        shared.get("k", this::load);
        shared.get("k", this::load);
        assertThat(loads).hasValue(2);
    }

    @Test
    void failuresPropagateAndAreNotKept() {
        SharedCalls shared = new SharedCalls(true, Duration.ofSeconds(5), now::get);
        assertThatThrownBy(() -> shared.get("k", () -> {
            throw new IllegalStateException("first");
        })).hasMessage("first");
        assertThat(shared.<String>get("k", this::load)).isEqualTo("v1");
    }

    /** Issue #14: the share window is a Quarkus config key (also settable as COFFER_AWS_SHARE_WINDOW_MS), not a raw property. */
    @Test
    void theShareWindowComesFromConfiguration() {
        String key = "coffer.test-only.share-window-ms";
        java.time.Duration fallback = java.time.Duration.ofMillis(400);
        org.assertj.core.api.Assertions.assertThat(SharedCalls.windowFromConfig(key, fallback)).isEqualTo(fallback);
        System.setProperty(key, "250");
        try {
            org.assertj.core.api.Assertions.assertThat(SharedCalls.windowFromConfig(key, fallback))
                    .isEqualTo(java.time.Duration.ofMillis(250));
        } finally {
            System.clearProperty(key);
        }
    }
}
