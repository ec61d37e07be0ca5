package dev.coffer.peers.kube;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the operator wrote each unsealed Secret, from its log ("unsealed NS/NAME into its Secret",
 * timestamped to the millisecond by the default console format, in this machine's zone).
 */
final class UnsealLog {

    private static final Pattern WRITE = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*unsealed ([^/ ]+)/\\S+ into its Secret");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private UnsealLog() {
    }

    /** The write times in order, for one namespace (every namespace when null). */
    static List<Instant> writes(String log, String namespace) {
        List<Instant> times = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher m = WRITE.matcher(line);
            if (m.find() && (namespace == null || namespace.equals(m.group(2)))) {
                times.add(LocalDateTime.parse(m.group(1), TIME).atZone(ZoneId.systemDefault()).toInstant());
            }
        }
        return times;
    }
}
