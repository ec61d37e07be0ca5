package dev.coffer.template.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text a template was parsed from, with its name, able to turn an offset into Go's
 * {@code name:line:col} (1-based line, 0-based byte column).
 */
public final class SourceText {
    private final String parseName;
    private final String text;
    private final int[] lineStarts;

    SourceText(String parseName, String text) {
        this.parseName = parseName;
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public String parseName() {
        return parseName;
    }

    public int line(int pos) {
        int idx = Arrays.binarySearch(lineStarts, Math.min(pos, text.length()));
        return (idx >= 0 ? idx : -idx - 2) + 1;
    }

    /** Go counts the column in bytes from the start of the line, starting at 0. */
    public int column(int pos) {
        int p = Math.min(pos, text.length());
        int start = lineStarts[line(p) - 1];
        return text.substring(start, p).getBytes(StandardCharsets.UTF_8).length;
    }

    public String location(int pos) {
        return parseName + ":" + line(pos) + ":" + column(pos);
    }
}
