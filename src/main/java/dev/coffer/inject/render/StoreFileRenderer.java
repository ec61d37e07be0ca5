package dev.coffer.inject.render;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.StoreKind;
import dev.coffer.inject.StoreFile;
import dev.coffer.provider.ClientSource;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.sync.SecretTemplater;
import dev.coffer.sync.TemplateSources;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetch and shape for injected files: each file's value is read through the store's client as
 * an ExternalSecret's {@code data[].remoteRef} is ({@code key}, {@code property}, {@code version}),
 * and, with a template, rendered by the ExternalSecret template engine. Without a template the
 * file holds the value as read. A template sees {@code .value} (the value as read) and, when the
 * value is a JSON object, each of its top-level keys, as {@code dataFrom.extract} gives them (a
 * key of the object named {@code value} wins over the whole value). All files or none: the first
 * failure ends the render, naming the file, never a value.
 */
public final class StoreFileRenderer {

    static final String VALUE = "value";
    private static final String FILE = "file";

    private final SecretTemplater templater;

    public StoreFileRenderer(SecretTemplater templater) {
        this.templater = templater;
    }

    public List<RenderedFile> render(List<StoreFile> files, ClientSource clients) throws RenderException {
        List<RenderedFile> out = new ArrayList<>();
        for (StoreFile f : files) {
            try {
                out.add(new RenderedFile(f.name(), f.fileName(), f.perms(), content(f, clients)));
            } catch (RuntimeException e) {
                throw RenderException.of(f, e);
            }
        }
        return out;
    }

    private byte[] content(StoreFile f, ClientSource clients) {
        SecretStoreRef store = new SecretStoreRef();
        store.name = f.store();
        store.kind = StoreKind.valueOf(f.storeKind());
        ExternalSecretDataRemoteRef ref = new ExternalSecretDataRemoteRef();
        ref.key = f.key();
        ref.property = f.property();
        ref.version = f.version();
        byte[] value = clients.clientFor(store).getSecret(ref);
        if (f.template() == null || f.template().isBlank()) {
            return value;
        }
        ExternalSecretTemplate template = new ExternalSecretTemplate();
        template.data = Map.of(FILE, f.template());
        return templater.render(template, templateData(value, f.key()), TemplateSources.NONE).data().get(FILE);
    }

    /** {@code value}, and the top-level keys of a JSON object value (which win). */
    static Map<String, byte[]> templateData(byte[] value, String key) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put(VALUE, value);
        if (looksLikeObject(value)) {
            try {
                data.putAll(JsonValues.split(value, key));
            } catch (ProviderException e) {
                // not a JSON object after all: the template has .value only
            }
        }
        return data;
    }

    private static boolean looksLikeObject(byte[] value) {
        String s = new String(value, StandardCharsets.UTF_8).stripLeading();
        return s.startsWith("{");
    }
}
