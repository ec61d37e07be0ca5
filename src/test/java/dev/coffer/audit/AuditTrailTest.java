package dev.coffer.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit trail's line format, its optional file and its off switch. */
class AuditTrailTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC);

    private static AuditRecord read(String outcome) {
        return new AuditRecord(CLOCK.instant(), AuditRecord.Action.PROVIDER_READ, "team-a", "ExternalSecret", "app",
                "SecretStore/vault", "db/password", null, "3", null, outcome);
    }

    @Test
    void aRecordIsOneJsonLineWithItsSetFieldsOnly() throws IOException {
        JsonNode json = new ObjectMapper().readTree(AuditTrail.toJson(read(AuditRecord.SUCCESS)));
        assertThat(json.path("time").asText()).isEqualTo("2026-12-01T02:00:00Z");
        assertThat(json.path("action").asText()).isEqualTo("PROVIDER_READ");
        assertThat(json.path("store").asText()).isEqualTo("SecretStore/vault");
        assertThat(json.path("remoteKey").asText()).isEqualTo("db/password");
        assertThat(json.path("version").asText()).isEqualTo("3");
        assertThat(json.has("secret")).isFalse();
        assertThat(AuditTrail.toJson(read("x"))).doesNotContain("\n");
    }

    @Test
    void aFailureNamesItsKindNotItsMessage() {
        String outcome = AuditRecord.failure(new IllegalStateException("canary-value-in-message"));
        assertThat(outcome).isEqualTo("failure: IllegalStateException");
    }

    @Test
    void recordsAreAppendedToTheFileWhenOneIsSet(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditTrail trail = new AuditTrail(true, Optional.of(file), CLOCK);
        trail.record(read(AuditRecord.SUCCESS));
        trail.record(read("failure: ProviderException"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("\"outcome\":\"failure: ProviderException\"");
    }

    @Test
    void anUnsealIsRecordedWithItsOutcome(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditTrail trail = new AuditTrail(true, Optional.of(file), CLOCK);
        assertThat(trail.unseal("team-a", "db", () -> "values")).isEqualTo("values");
        assertThatThrownBy(() -> trail.unseal("team-a", "db", () -> {
            throw new java.security.GeneralSecurityException("canary-unseal-detail");
        })).isInstanceOf(java.security.GeneralSecurityException.class);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"action\":\"UNSEAL\"", "\"kind\":\"SealedSecret\"", "\"secret\":\"db\"",
                "\"outcome\":\"success\"");
        assertThat(lines.get(1)).contains("\"outcome\":\"failure: GeneralSecurityException\"").doesNotContain("canary");
    }

    @Test
    void switchedOffItWritesNothing(@TempDir Path dir) {
        Path file = dir.resolve("audit.jsonl");
        new AuditTrail(false, Optional.of(file), CLOCK).record(read(AuditRecord.SUCCESS));
        assertThat(file).doesNotExist();
    }
}
