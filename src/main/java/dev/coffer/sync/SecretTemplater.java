package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;

import java.util.Map;

/**
 * The seam between the sync flow and the template engine: renders {@code target.template} and
 * {@code rewrite.transform}. Implementations are pure (no I/O): the template sources that live in
 * ConfigMaps and Secrets are read beforehand and passed in.
 */
public interface SecretTemplater {

    /** Renders the template against the provider data; the result replaces or merges per mergePolicy. */
    TemplatedSecret render(ExternalSecretTemplate template, Map<String, byte[]> data, TemplateSources sources);

    /** Renders a {@code rewrite.transform} template for one key ({@code .value} is the key). */
    String transformKey(String template, String key, String where);
}
