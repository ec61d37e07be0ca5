package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;

import java.util.Map;

/**
 * A templater for builds without the Go template engine: it applies a template's type and
 * metadata and passes the provider data through, and refuses templates that render data with
 * a clear message instead of writing something half-done.
 */
public final class MetadataOnlyTemplater implements SecretTemplater {

    @Override
    public TemplatedSecret render(ExternalSecretTemplate template, Map<String, byte[]> data, TemplateSources sources) {
        boolean rendersData = (template.data != null && !template.data.isEmpty())
                || (template.templateFrom != null && !template.templateFrom.isEmpty());
        if (rendersData) {
            throw new InvalidSpecException("target.template.data and templateFrom are not supported yet:"
                    + " this Coffer build has no template engine");
        }
        var meta = template.metadata;
        return new TemplatedSecret(data,
                meta == null || meta.labels == null ? Map.of() : meta.labels,
                meta == null || meta.annotations == null ? Map.of() : meta.annotations);
    }

    @Override
    public String transformKey(String template, String key, String where) {
        throw new InvalidSpecException(where + ".transform is not supported yet: this Coffer build has no template engine");
    }
}
