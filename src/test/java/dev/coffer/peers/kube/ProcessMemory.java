package dev.coffer.peers.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's memory as the kernel and the JVM see it: resident set size from
 * {@code /proc/PID/status}, and the live heap after a full GC ({@code jcmd PID GC.run}, then the
 * used sizes of {@code GC.heap_info}, metaspace left out).
 */
record ProcessMemory(long rssKiB, long liveHeapKiB) {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern AREA = Pattern.compile("^[-\\s]*(Total|[A-Z][A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    static ProcessMemory of(long pid) {
        jcmd(pid, "GC.run");
        long heap = 0;
        for (String line : jcmd(pid, "GC.heap_info").lines().toList()) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher m = USED.matcher(line);
            // the generations (Serial, Parallel) or the one heap line (G1); regions lines carry no "used"
            if (m.find() && (line.contains("generation") || line.contains("heap"))) {
                heap += Long.parseLong(m.group(1));
            }
        }
        return new ProcessMemory(rss(pid), heap);
    }

    /** The committed sizes of {@code VM.native_memory summary}, one "category=MiB" item each. */
    static String nativeSummary(long pid) {
        Matcher m;
        StringBuilder out = new StringBuilder("committed by area (MiB):");
        for (String line : jcmd(pid, "VM.native_memory summary").lines().toList()) {
            m = AREA.matcher(line);
            if (m.find()) {
                out.append(' ').append(m.group(1).trim().replace(' ', '_')).append('=').append(Long.parseLong(m.group(2)) / 1024);
            }
        }
        return out.toString();
    }

    /**
     * The first {@code rows} lines of {@code GC.class_histogram} (live objects, largest first); the whole
     * histogram is kept in {@code file}, to compare two of them class by class.
     */
    static String histogram(long pid, int rows, Path file) {
        String all = jcmd(pid, "GC.class_histogram");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.lines().limit(rows + 3L).collect(java.util.stream.Collectors.joining("\n")) + "\n(all of it in " + file + ")";
    }

    String describe() {
        return String.format("RSS %d MiB, live heap after full GC %d MiB", rssKiB / 1024, liveHeapKiB / 1024);
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(List.of(jcmd.toString(), String.valueOf(pid), command))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
