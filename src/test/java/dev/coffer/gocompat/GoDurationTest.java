package dev.coffer.gocompat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "1h0m0s, PT1H",
            "1h, PT1H",
            "90s, PT1M30S",
            "1.5h, PT1H30M",
            "1h30m, PT1H30M",
            "1h30m10s, PT1H30M10S",
            "5m, PT5M",
            "500ms, PT0.5S",
            "0.5s, PT0.5S",
            ".5s, PT0.5S",
            "1.s, PT1S",
            "0, PT0S",
            "0s, PT0S",
            "0h0m0s, PT0S",
            "+2m, PT2M",
            "1us, PT0.000001S",
            "1µs, PT0.000001S",
            "7ns, PT0.000000007S",
            "2h45m, PT2H45M",
            "' 10m ', PT10M",
    })
    void parsesGoDurations(String text, String expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void unitsMayRepeatAndAppearInAnyOrderAsInGo() {
        // Go sums the parts: "1m1h" is 1h1m.
        assertThat(GoDuration.parse("1m1h")).isEqualTo(Duration.ofMinutes(61));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "1", "10", "00", "1x", "h", "1h30", "1 h", "1h 30m", "1d", "--1h", "1.2.3s", "1H", "s10"})
    void rejectsGarbageWithAMessageQuotingTheInput(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @Test
    void rejectsEmptyAndNull() {
        assertThatThrownBy(() -> GoDuration.parse("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> GoDuration.parse("   ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoDuration.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1h", "-0.5s", "-90s"})
    void rejectsNegativeDurations(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void rejectsDurationsThatOverflowInsteadOfWrappingAround() {
        // Go: time.ParseDuration("3000000h") fails ("invalid duration"); the max is about 2562047h.
        assertThatThrownBy(() -> GoDuration.parse("3000000h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoDuration.parse("99999999999999999999s")).isInstanceOf(IllegalArgumentException.class);
        assertThat(GoDuration.parse("2562047h")).isEqualTo(Duration.ofHours(2562047));
    }

    @ParameterizedTest
    @CsvSource({
            "PT1H, 1h0m0s",
            "PT5M, 5m0s",
            "PT30S, 30s",
            "PT0S, 0s",
            "PT1H30M10S, 1h30m10s",
            "PT25H, 25h0m0s",
            "PT1M, 1m0s",
            "PT1H0M5S, 1h0m5s",
    })
    void formatsLikeGoDurationString(String iso, String expected) {
        assertThat(GoDuration.format(Duration.parse(iso))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1h0m0s", "5m0s", "30s", "26h3m7s"})
    void formatRoundTripsThroughParse(String text) {
        assertThat(GoDuration.format(GoDuration.parse(text))).isEqualTo(text);
    }
}
