package dev.coffer.sync;

import java.util.Map;

/**
 * The contents of the ConfigMaps and Secrets that {@code templateFrom} names, read before the
 * pure shape step. Keyed by object name, then by key.
 */
public record TemplateSources(Map<String, Map<String, String>> configMaps, Map<String, Map<String, byte[]>> secrets) {

    public static final TemplateSources NONE = new TemplateSources(Map.of(), Map.of());
}
