package dev.coffer.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run}: a child process gets the rendered keys as environment variables (it prints its
 * environment to a file the test reads), its exit code comes back, Coffer's own output never
 * holds a value; {@code --env-file} is 0600 and read back by a dotenv parser; {@code --files}.
 */
class RunCommandTest {

    private static final String CANARY = "canary-run-Hh3-do-not-leak";

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path manifests(Map<String, String> data) throws Exception {
        StringBuilder fake = new StringBuilder();
        StringBuilder refs = new StringBuilder();
        data.forEach((k, v) -> {
            fake.append("      - key: ").append(k).append("\n        value: ").append(yamlQuote(v)).append('\n');
            refs.append("  - secretKey: ").append(k).append("\n    remoteRef: {key: ").append(k).append("}\n");
        });
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: fake, namespace: apps}
                spec:
                  provider:
                    fake:
                      data:
                %s---
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: app, namespace: apps}
                spec:
                  secretStoreRef: {name: fake}
                  data:
                %s""".formatted(fake, refs));
        return file;
    }

    private static String yamlQuote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void theChildSeesTheKeysAndItsExitCodeComesBack() throws Exception {
        Path file = manifests(Map.of("DB_PASSWORD", CANARY, "API_URL", "https://api.example/v1?x=1&y=$HOME"));
        Path envOut = dir.resolve("child-env.txt");
        Result r = run("run", "-f", file.toString(), "--", "sh", "-c", "env > '" + envOut + "'; exit 7");
        assertThat(r.code()).as(r.err()).isEqualTo(7);
        String childEnv = Files.readString(envOut);
        assertThat(childEnv).contains("DB_PASSWORD=" + CANARY).contains("API_URL=https://api.example/v1?x=1&y=$HOME");
        assertThat(r.out() + r.err()).doesNotContain(CANARY);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("nothing written but the child's own file")
                    .containsExactlyInAnyOrder("app.yaml", "child-env.txt");
        }
    }

    @Test
    void keysThatAreNotVariableNamesAreRefusedOrMapped() throws Exception {
        Path file = manifests(Map.of("db-password", CANARY, "tls.crt", "cert"));
        Result refused = run("run", "-f", file.toString(), "--", "true");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("\"db-password\"").contains("--convert-keys").doesNotContain(CANARY);

        Path envOut = dir.resolve("env.txt");
        Result mapped = run("run", "-f", file.toString(), "--convert-keys", "--env-prefix", "APP_", "--",
                "sh", "-c", "env > '" + envOut + "'");
        assertThat(mapped.code()).as(mapped.err()).isZero();
        assertThat(Files.readString(envOut)).contains("APP_DB_PASSWORD=" + CANARY).contains("APP_TLS_CRT=cert");
    }

    @Test
    void aCommandThatCannotStartIs127() throws Exception {
        Result r = run("run", "-f", manifests(Map.of("K", "v")).toString(), "--", dir.resolve("no-such-binary").toString());
        assertThat(r.code()).isEqualTo(127);
        assertThat(r.err()).contains("cannot start");
    }

    @Test
    void envFileIs0600AndReadsBackThroughDotenv() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PLAIN", "abc-123_/x:y@z");
        values.put("SPACES", "two words # not a comment");
        values.put("QUOTES", "it's \"quoted\"");
        values.put("MULTI", "line1\nline2");
        values.put("CANARY", CANARY);
        Path env = dir.resolve("app.env");
        Result r = run("run", "-f", manifests(values).toString(), "--env-file", env.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out() + r.err()).doesNotContain(CANARY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
        String text = Files.readString(env);
        assertThat(text).contains("PLAIN=abc-123_/x:y@z\n").contains("CANARY=" + CANARY + "\n");

        Map<String, String> parsed = pythonDotenv(env);
        assertThat(parsed).isEqualTo(values);
    }

    @Test
    void filesWritesOneOwnerOnlyFilePerKey() throws Exception {
        Path out = dir.resolve("secrets");
        Result r = run("run", "-f", manifests(Map.of("tls.crt", "CERT", "password", CANARY)).toString(), "--files", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("password"))).isEqualTo(CANARY);
        assertThat(Files.readString(out.resolve("tls.crt"))).isEqualTo("CERT");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("password")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwx------");
    }

    @Test
    void withoutCommandOrOutputItIsAUsageError() throws Exception {
        Result r = run("run", "-f", manifests(Map.of("K", "v")).toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("give a command after --");
    }

    /** python-dotenv (the parser compose's format was modelled on), when this machine has it. */
    private Map<String, String> pythonDotenv(Path env) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", """
                    import json, sys
                    from dotenv import dotenv_values
                    print(json.dumps(dotenv_values(sys.argv[1], interpolate=False)))
                    """, env.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("python3 is not installed: the dotenv read-back is skipped");
            return Map.of();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(p.exitValue() == 0, "python-dotenv is not installed: the dotenv read-back is skipped");
        @SuppressWarnings("unchecked")
        Map<String, String> parsed = new com.fasterxml.jackson.databind.ObjectMapper().readValue(out, LinkedHashMap.class);
        return parsed;
    }
}
