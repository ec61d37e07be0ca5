package dev.coffer.sync;

import java.util.Map;

/**
 * The Secret an ExternalSecret asks for, before it meets the live one: data as Kubernetes
 * stores it (base64), and the metadata the shape step decided.
 */
public record DesiredSecret(String namespace, String name, String type, Map<String, String> labels,
                            Map<String, String> annotations, Map<String, String> data, boolean immutable) {
}
