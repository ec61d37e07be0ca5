package dev.coffer.inject.agent;

import dev.coffer.testsupport.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.inject.InjectedFile;
import dev.coffer.inject.InjectionSpec;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.vault.VaultLogical;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rendering, renewal and re-rendering against a scripted Vault, with a clock the test moves. */
class SecretsAgentTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock();

    /** Moves the clock to {@code sinceT0} after T0. */
    void at(Duration sinceT0) {
        clock.advance(Duration.between(clock.instant(), T0.plus(sinceT0)));
    }

    /** Answers per path; records the requests it got. */
    static final class ScriptedVault implements VaultLogical {
        final Map<String, String> answers = new HashMap<>();
        final List<String> requests = new ArrayList<>();
        boolean refuseRenewal;
        int leaseCounter;

        @Override
        public JsonNode request(String method, String path, JsonNode body, Map<String, List<String>> query) {
            requests.add(method + " " + path);
            if (path.equals("auth/token/lookup-self")) {
                return JSON.createObjectNode();
            }
            String a = answers.get(path);
            if (a == null) {
                throw ProviderException.notFound("secret " + path + " not found");
            }
            try {
                return JSON.readTree(a.replace("LEASE", "lease-" + (++leaseCounter)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public JsonNode renewLease(String leaseId, long incrementSeconds) {
            requests.add("renew " + leaseId);
            if (refuseRenewal) {
                throw ProviderException.invalidConfig("lease not renewable");
            }
            return JSON.createObjectNode().put("lease_id", leaseId).put("lease_duration", incrementSeconds);
        }

        @Override
        public void revokeLease(String leaseId) {
        }
    }

    final ScriptedVault vault = new ScriptedVault();

    SecretsAgent agent(InjectedFile... files) {
        InjectionSpec spec = new InjectionSpec("app", "auth/kubernetes", null, dir.toString(), false, List.of(files));
        return new SecretsAgent(spec, new SecretCache(vault, clock, Duration.ofMinutes(5)), new SecretFiles(dir));
    }

    static String kv2(String user, String pass) {
        return """
                {"request_id": "r", "lease_id": "", "lease_duration": 0, "renewable": false,
                 "data": {"data": {"username": "%s", "password": "%s"}, "metadata": {"version": 3}}}""".formatted(user, pass);
    }

    @Test
    void aKvV2TemplateRendersTheIssueExampleWithTheAnnotatedMode() throws Exception {
        vault.answers.put("secret/data/myapp/database", kv2("app", "s3cr3t"));
        String template = """
                {{- with secret "secret/data/myapp/database" -}}
                export DB_USERNAME="{{ .Data.data.username }}"
                export DB_PASSWORD="{{ .Data.data.password }}"
                {{- end }}""";
        assertThat(agent(new InjectedFile("database", "secret/data/myapp/database", template, "database", "0400")).renderAll())
                .containsExactly("database");
        assertThat(Files.readString(dir.resolve("database"))).isEqualTo("export DB_USERNAME=\"app\"\nexport DB_PASSWORD=\"s3cr3t\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("database")))).isEqualTo("r--------");
    }

    @Test
    void withoutATemplateTheAgentsDefaultIsWritten() throws Exception {
        vault.answers.put("secret/data/app", kv2("app", "pw"));
        vault.answers.put("kv1/app", "{\"lease_duration\": 2764800, \"data\": {\"user\": \"u\", \"token\": \"t\"}}");
        agent(new InjectedFile("v2", "secret/data/app", null, "v2", null),
                new InjectedFile("v1", "kv1/app", null, "sub/v1.txt", null)).renderAll();
        assertThat(Files.readString(dir.resolve("v2")))
                .isEqualTo("data: map[password:pw username:app]\nmetadata: map[version:3]\n");
        assertThat(Files.readString(dir.resolve("sub/v1.txt"))).isEqualTo("token: t\nuser: u\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("v2")))).isEqualTo("rw-r--r--");
    }

    @Test
    void kvSecretsAreReadAgainEachPollIntervalAndReRenderedOnlyWhenChanged() throws Exception {
        vault.answers.put("secret/data/app", kv2("app", "one"));
        SecretsAgent agent = agent(new InjectedFile("db", "secret/data/app", "{{ with secret \"secret/data/app\" }}{{ .Data.data.password }}{{ end }}", "db", null));
        agent.renderAll();
        vault.answers.put("secret/data/app", kv2("app", "two"));
        at(Duration.ofMinutes(4));
        assertThat(agent.tick()).as("not due: the cached answer").isEmpty();
        assertThat(Files.readString(dir.resolve("db"))).isEqualTo("one");
        at(Duration.ofMinutes(5));
        assertThat(agent.tick()).containsExactly("db");
        assertThat(Files.readString(dir.resolve("db"))).isEqualTo("two");
        at(Duration.ofMinutes(10));
        assertThat(agent.tick()).as("same value: no write").isEmpty();
    }

    @Test
    void leasesAreRenewedTwoThirdsInAndReplacedWhenRenewalIsRefused() throws Exception {
        vault.answers.put("database/creds/app", """
                {"lease_id": "database/creds/app/LEASE", "lease_duration": 3600, "renewable": true,
                 "data": {"username": "v-LEASE", "password": "p"}}""");
        SecretsAgent agent = agent(new InjectedFile("creds", "database/creds/app",
                "{{ with secret \"database/creds/app\" }}{{ .Data.username }} {{ .LeaseID }}{{ end }}", "creds", null));
        agent.renderAll();
        assertThat(Files.readString(dir.resolve("creds"))).isEqualTo("v-lease-1 database/creds/app/lease-1");
        at(Duration.ofMinutes(30));
        agent.tick();
        assertThat(vault.requests).doesNotContain("renew database/creds/app/lease-1");
        at(Duration.ofMinutes(40));
        assertThat(agent.tick()).isEmpty();
        assertThat(vault.requests).contains("renew database/creds/app/lease-1");
        assertThat(vault.requests.stream().filter(r -> r.equals("GET database/creds/app"))).hasSize(1);

        vault.refuseRenewal = true;
        at(Duration.ofMinutes(81));
        assertThat(agent.tick()).containsExactly("creds");
        assertThat(Files.readString(dir.resolve("creds"))).isEqualTo("v-lease-2 database/creds/app/lease-2");
    }

    @Test
    void failuresNameTheFileAndKeepWhatWasWritten() throws Exception {
        vault.answers.put("secret/data/app", kv2("app", "kept"));
        SecretsAgent agent = agent(new InjectedFile("db", "secret/data/app", "{{ with secret \"secret/data/app\" }}{{ .Data.data.password }}{{ end }}", "db", null));
        agent.renderAll();
        vault.answers.remove("secret/data/app");
        at(Duration.ofMinutes(6));
        assertThatThrownBy(agent::tick).isInstanceOf(SecretsAgent.AgentException.class)
                .hasMessageStartingWith("file db: ").hasMessageNotContaining("kept");
        assertThat(Files.readString(dir.resolve("db"))).isEqualTo("kept");

        assertThatThrownBy(() -> agent(new InjectedFile("bad", "x", "{{ with secret }}", "bad", null)).renderAll())
                .hasMessageStartingWith("file bad: template: ");
    }

    @Test
    void aTemplateErrorNeverQuotesASecretValue() {
        vault.answers.put("secret/data/app", kv2("app", "canary-value-7f3a"));
        SecretsAgent agent = agent(new InjectedFile("db", "secret/data/app",
                "{{ with secret \"secret/data/app\" }}{{ fail .Data.data.password }}{{ end }}", "db", null));
        assertThatThrownBy(agent::renderAll).isInstanceOf(SecretsAgent.AgentException.class)
                .hasMessageStartingWith("file db: template: ").hasMessageNotContaining("canary-value-7f3a");
    }
}
