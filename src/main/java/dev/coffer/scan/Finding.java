package dev.coffer.scan;

/** One thing that looks like a secret in plain text: where, in what, under which key, by which rule. Never the value. */
public record Finding(String file, int line, String kind, String name, String key, String rule) {
}
