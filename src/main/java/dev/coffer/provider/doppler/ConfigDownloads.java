package dev.coffer.provider.doppler;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SharedCalls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The downloads of one config, one per shape (name transformer, format). Reads within the share
 * window, or while a download is in flight, get that download (so every ExternalSecret of a store
 * costs one call per window, never one per key). Later reads send the ETag of the body held and
 * keep it on {@code 304 Not Modified} (upstream's ETag cache, ESO #5997).
 */
final class ConfigDownloads {

    private record Held(String etag, byte[] body) {
    }

    private final DopplerApi api;
    private final Supplier<String> token;
    private final String project;
    private final String config;
    private final SharedCalls shared;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    ConfigDownloads(DopplerApi api, Supplier<String> token, String project, String config, SharedCalls shared) {
        this.api = api;
        this.token = token;
        this.project = project;
        this.config = config;
        this.shared = shared;
    }

    /**
     * The body of the download in one shape.
     *
     * @param nameTransformer Doppler's name_transformer value, or null
     * @param format          Doppler's format value, or null for the JSON map
     */
    byte[] body(String nameTransformer, String format) {
        String key = SharedCalls.key("download", nameTransformer, format);
        return shared.get(key, () -> fetch(key, nameTransformer, format)).clone();
    }

    String subject() {
        return DopplerApi.subject(DopplerApi.query(project, config, null, null));
    }

    void clear() {
        shared.clear();
        held.clear();
    }

    private byte[] fetch(String key, String nameTransformer, String format) {
        Held before = held.get(key);
        DopplerApi.Download answer = api.download(token.get(), DopplerApi.query(project, config, nameTransformer, format),
                before == null ? null : before.etag(), format != null && !format.equals("json"));
        if (answer.notModified() && before != null) {
            return before.body();
        }
        if (answer.notModified()) {
            // A 304 to a request without an ETag cannot be served from anything held.
            throw ProviderException.unavailable("Doppler answered 304 Not Modified to a download"
                    + " without If-None-Match for " + subject(), null);
        }
        if (answer.etag() != null) {
            held.put(key, new Held(answer.etag(), answer.body()));
        } else {
            held.remove(key);
        }
        return answer.body();
    }
}
