package dev.coffer.peers.kube;

import dev.coffer.testsupport.peers.OperatorJar;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Secret writes an operator process reports in its own log: an ExternalSecret's Secret created
 * or updated, a SealedSecret unsealed into its Secret. Each line carries the time it was logged, so
 * the writes of several processes on one machine can be put in one order.
 */
final class SecretWriteLog {

    /** One write: when, by which process, to which Secret ({@code namespace/name}). */
    record Write(LocalDateTime at, String writer, String secret) {
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final Pattern WRITE = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*?(?:(?:created|updated) Secret (\\S+) for ExternalSecret"
                    + "|unsealed (\\S+) into its Secret)");

    private SecretWriteLog() {
    }

    /** How far the process's log reaches now: pass it to {@link #since} to see only what comes later. */
    static int mark(OperatorJar op) {
        return (int) op.log().lines().count();
    }

    /** The writes to Secrets in {@code namespace} that {@code op} logged after {@code mark}. */
    static List<Write> since(OperatorJar op, int mark, String namespace) {
        List<Write> writes = new ArrayList<>();
        op.log().lines().skip(mark).forEach(line -> {
            Matcher m = WRITE.matcher(line);
            if (m.find()) {
                String secret = m.group(2) != null ? m.group(2) : m.group(3);
                if (secret.startsWith(namespace + "/")) {
                    writes.add(new Write(LocalDateTime.parse(m.group(1), STAMP), op.identity(),
                            secret.substring(namespace.length() + 1)));
                }
            }
        });
        return writes;
    }

    /**
     * Per Secret, its writers in time order with repeats folded ({@code a, a, b} is {@code [a, b]}):
     * a writer that comes back after another ({@code [a, b, a]}) means two processes wrote it in turns.
     */
    static Map<String, List<String>> writerRuns(List<Write> writes) {
        Map<String, List<String>> runs = new LinkedHashMap<>();
        writes.stream().sorted(Comparator.comparing(Write::at)).forEach(w -> {
            List<String> run = runs.computeIfAbsent(w.secret(), k -> new ArrayList<>());
            if (run.isEmpty() || !run.get(run.size() - 1).equals(w.writer())) {
                run.add(w.writer());
            }
        });
        return runs;
    }
}
