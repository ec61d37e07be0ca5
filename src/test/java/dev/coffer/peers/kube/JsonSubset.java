package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** What of a written object is missing or changed in what was read back (extra fields, such as defaults, are fine). */
final class JsonSubset {

    private JsonSubset() {
    }

    /** JSON pointers of every value of {@code written} that {@code read} lacks or holds differently. */
    static List<String> missing(JsonNode written, JsonNode read) {
        List<String> out = new ArrayList<>();
        walk("", written, read, out);
        return out;
    }

    private static void walk(String path, JsonNode written, JsonNode read, List<String> out) {
        if (read == null || read.isMissingNode() || read.isNull() && !written.isNull()) {
            out.add(path.isEmpty() ? "/" : path);
            return;
        }
        if (written.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = written.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(path + "/" + e.getKey(), e.getValue(), read.get(e.getKey()), out);
            }
        } else if (written.isArray()) {
            if (!read.isArray() || read.size() != written.size()) {
                out.add(path + " (list of " + written.size() + ", read " + read + ")");
                return;
            }
            for (int i = 0; i < written.size(); i++) {
                walk(path + "/" + i, written.get(i), read.get(i), out);
            }
        } else if (written.isNumber() && read.isNumber() ? written.decimalValue().compareTo(read.decimalValue()) != 0
                : !written.asText().equals(read.asText()) || written.isNumber() != read.isNumber()) {
            out.add(path + " (wrote " + written + ", read " + read + ")");
        }
    }
}
