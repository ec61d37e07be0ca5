package dev.coffer.scan;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Known false positives, one per line: a file glob and a key path ({@code *} for every key),
 * for example {@code deploy/dev/*.yaml data.password} or {@code test/** *}. Lines starting with
 * {@code #} are comments.
 */
public final class AllowList {

    private record Entry(PathMatcher file, String key) {
    }

    private final List<Entry> entries;

    private AllowList(List<Entry> entries) {
        this.entries = entries;
    }

    public static AllowList none() {
        return new AllowList(List.of());
    }

    public static AllowList read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(file)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(file + ":" + n + ": expected \"FILE-GLOB KEY\"");
            }
            entries.add(new Entry(FileSystems.getDefault().getPathMatcher("glob:" + parts[0]), parts[1]));
        }
        return new AllowList(entries);
    }

    public boolean allows(Finding f) {
        Path path = Path.of(f.file()).normalize();
        return entries.stream().anyMatch(e -> e.file().matches(path) && (e.key().equals("*") || e.key().equals(f.key())));
    }
}
