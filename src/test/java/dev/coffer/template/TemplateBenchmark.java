package dev.coffer.template;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput of a typical ESO template (fields, a range, a fromJson/dig pipeline, b64enc): parse
 * plus execute, and execute alone on a template parsed once. Prints ops/s; asserts nothing about
 * speed. Run with {@code ./mvnw -B -q test -Pbenchmark -Dtest=TemplateBenchmark}.
 */
@Tag("benchmark")
class TemplateBenchmark {
    static final String TEMPLATE = """
            username: {{ .username }}
            password: {{ .password | quote }}
            dsn: postgresql://{{ .username }}:{{ .password | urlquery }}@{{ .config | fromJson | dig "db" "host" "" }}:5432/app
            {{- range $k, $v := . }}
            {{ $k | upper }}: {{ $v | b64enc }}
            {{- end }}
            token: {{ index . "api-token" | default "none" | b64enc }}
            """;

    static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("username", "app_user");
        d.put("password", "s3cr3t p@ss/word");
        d.put("config", "{\"db\": {\"host\": \"db.internal\", \"port\": 5432}, \"features\": [\"a\", \"b\"]}");
        d.put("api-token", Base64.getEncoder().encodeToString("token-value-1234567890".getBytes()));
        return d;
    }

    @Test
    void throughput() throws Exception {
        Map<String, Object> data = data();
        GoTemplate parsed = GoTemplate.parse("bench", TEMPLATE);
        String expected = parsed.execute(data);

        measure("parse+execute", () -> GoTemplate.parse("bench", TEMPLATE).execute(data), expected);
        measure("execute only ", () -> parsed.execute(data), expected);
    }

    interface Op {
        String run() throws Exception;
    }

    private static void measure(String label, Op op, String expected) throws Exception {
        // warm up, then measure for a fixed time
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            check(op.run(), expected);
        }
        long ops = 0;
        long start = System.nanoTime();
        long end = start + 5_000_000_000L;
        while (System.nanoTime() < end) {
            check(op.run(), expected);
            ops++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("TemplateBenchmark %s: %,.0f ops/s (%d ops in %.2f s)%n", label, ops / seconds, ops, seconds);
    }

    private static void check(String out, String expected) {
        if (!out.equals(expected)) {
            throw new AssertionError("output changed between runs");
        }
    }
}
