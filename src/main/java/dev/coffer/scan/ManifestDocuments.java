package dev.coffer.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a manifest file into its YAML documents at {@code ---} lines, keeping each document's
 * text and first line, so a finding has a line number and a document can be replaced in place.
 */
final class ManifestDocuments {

    /** One document: its text and the 0-based line of the file it starts on. */
    record Doc(String text, int firstLine) {
    }

    private ManifestDocuments() {
    }

    static List<Doc> split(String text) {
        List<Doc> docs = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder current = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("---") && (lines[i].length() == 3 || Character.isWhitespace(lines[i].charAt(3)))) {
                docs.add(new Doc(current.toString(), start));
                current.setLength(0);
                start = i + 1;
                continue;
            }
            current.append(lines[i]);
            if (i < lines.length - 1) {
                current.append('\n');
            }
        }
        docs.add(new Doc(current.toString(), start));
        return docs;
    }

    /** Joins documents back, as split them (the separators normalised to {@code ---}). */
    static String join(List<String> texts) {
        return String.join("---\n", texts);
    }
}
