package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scan} over a fixture repository ({@code src/test/resources/scan-fixture}) with planted
 * secrets, a SealedSecret, an ExternalSecret and false-positive bait: every planted secret is
 * found, no bait is, no value is printed; then the allow-list, JSON output and sealing.
 */
class ScanCommandTest {

    private static final Path FIXTURE = Path.of("src/test/resources/scan-fixture");
    /** Values planted in the fixture; none may be printed. */
    private static final List<String> VALUES = List.of("correct-horse-battery", "AKIAIOSFODNN7EXAMPLE", "hunter2", "not-in-git-please",
            "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", "eyJhbGciOiJIUzI1NiJ9");
    /** file, key, rule of every planted secret. */
    private static final List<String> PLANTED = List.of(
            "apps/db-secret.yaml data.username plaintext-secret",
            "apps/db-secret.yaml stringData.password plaintext-secret",
            "apps/deployment.yaml spec.template.spec.containers[0].env[3].value aws-access-key-id",
            "apps/deployment.yaml spec.template.spec.containers[0].env[4].value jwt",
            "platform/integrations.json data.github_token token-prefix",
            "platform/integrations.json data.signing.pem private-key",
            "platform/integrations.json data.dsn password-in-url",
            "platform/integrations.json data.webhook_secret high-entropy",
            "platform/multi.yaml stringData.token plaintext-secret");

    @TempDir
    Path dir;
    private Path repo;

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void copyFixture() throws IOException {
        repo = dir.resolve("repo");
        try (Stream<Path> walk = Files.walk(FIXTURE)) {
            for (Path p : walk.toList()) {
                Path target = repo.resolve(FIXTURE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private List<String> findings(String jsonOut) throws IOException {
        List<String> found = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(jsonOut).path("findings")) {
            String file = repo.relativize(Path.of(f.path("file").asText())).toString();
            found.add(file + " " + f.path("key").asText() + " " + f.path("rule").asText());
        }
        return found;
    }

    @Test
    void findsEveryPlantedSecretAndNoBaitAndNeverPrintsAValue() throws IOException {
        Result json = run("scan", repo.toString(), "-o", "json");
        assertThat(json.code()).as(json.err()).isEqualTo(1);
        assertThat(findings(json.out())).containsExactlyInAnyOrderElementsOf(PLANTED);
        JsonNode fine = new ObjectMapper().readTree(json.out()).path("fine");
        assertThat(fine.findValuesAsText("kind")).containsExactlyInAnyOrder("SealedSecret", "ExternalSecret");

        Result text = run("scan", repo.toString());
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.out()).contains(repo.resolve("apps/db-secret.yaml") + ":11: Secret/db stringData.password: plaintext-secret")
                .contains(repo.resolve("platform/multi.yaml") + ":11: Secret/api-token stringData.token: plaintext-secret")
                .contains("SealedSecret/db: fine").contains("9 finding(s)");
        for (String value : VALUES) {
            assertThat(json.out() + json.err() + text.out() + text.err()).doesNotContain(value);
        }
    }

    @Test
    void theAllowListSuppressesKnownFindingsAndACleanTreeExitsZero() throws IOException {
        Path allow = dir.resolve("allow.txt");
        Files.writeString(allow, """
                # known and accepted
                **/platform/multi.yaml stringData.token
                **/integrations.json *
                """);
        Result r = run("scan", repo.resolve("platform").toString(), "--allow", allow.toString(), "-o", "json");
        assertThat(findings(r.out())).isEmpty();
        assertThat(r.code()).isZero();
        Result clean = run("scan", repo.resolve("sealed").toString());
        assertThat(clean.code()).isZero();
        assertThat(clean.out()).contains("0 finding(s), 2 ExternalSecret/SealedSecret(s) fine");
    }

    @Test
    void sealWritesASealedSecretBesideOrInPlaceThroughTheSealCode() throws Exception {
        SealingKey key = TestKeys.key(0);
        Path cert = Files.writeString(dir.resolve("cert.pem"), KeyPem.encode(key.certificate()));
        Path multi = repo.resolve("platform/multi.yaml");
        String before = Files.readString(multi);

        Result beside = run("scan", multi.toString(), "--seal", "--cert", cert.toString());
        assertThat(beside.code()).as("the original still holds the plaintext").isEqualTo(1);
        assertThat(Files.readString(multi)).isEqualTo(before);
        Path sealedFile = repo.resolve("platform/multi.sealed.yaml");
        assertThat(Files.readString(sealedFile)).contains("kind: SealedSecret").contains("api-token").doesNotContain("not-in-git-please");
        Path privateKey = Files.writeString(dir.resolve("key.pem"), KeyPem.encode(key.privateKey()));
        Result unsealed = run("seal", "--recovery-unseal", "--recovery-private-key", privateKey.toString(), "-f", sealedFile.toString());
        assertThat(unsealed.code()).as(unsealed.err()).isZero();
        assertThat(unsealed.out()).contains(java.util.Base64.getEncoder().encodeToString("not-in-git-please".getBytes()));

        Result inPlace = run("scan", multi.toString(), "--seal", "--cert", cert.toString(), "--in-place");
        assertThat(inPlace.code()).as(inPlace.out()).isZero();
        String after = Files.readString(multi);
        assertThat(after).contains("kind: SealedSecret").doesNotContain("not-in-git-please")
                .contains("kind: ConfigMap").contains("kind: Service").startsWith(before.substring(0, before.indexOf("---")));
        assertThat(run("scan", multi.toString()).code()).isZero();
    }

    @Test
    void usageErrorsAreOneLine() {
        assertThat(run("scan", repo.toString(), "--seal").err()).contains("--seal needs --cert");
        assertThat(run("scan", dir.resolve("nope").toString()).err()).contains("no such file or folder");
    }
}
