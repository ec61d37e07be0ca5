package dev.coffer.sealing.controller;

import dev.coffer.sealing.SealingException;

import java.util.Map;

/**
 * Renders {@code spec.template.data}: each entry a Go text/template executed against the
 * decrypted values. The one seam between SealedSecrets and the template engine.
 */
@FunctionalInterface
public interface TemplateData {

    Map<String, byte[]> render(Map<String, String> templates, Map<String, byte[]> values) throws SealingException;

    /** What the controller (and recovery unseal) uses: the Go template engine. */
    static TemplateData standard() {
        return new GoTemplateData();
    }
}
