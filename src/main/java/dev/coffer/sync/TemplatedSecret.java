package dev.coffer.sync;

import java.util.Map;

/** What a template produced: data keys, plus labels and annotations for the Secret. */
public record TemplatedSecret(Map<String, byte[]> data, Map<String, String> labels, Map<String, String> annotations) {
}
