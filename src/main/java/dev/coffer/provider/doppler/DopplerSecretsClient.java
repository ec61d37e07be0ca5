package dev.coffer.provider.doppler;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.provider.FindRegexp;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one doppler store. Every read is served from a download of the whole config (the plain
 * JSON map for single keys and {@code extract}; the store's name transformer and format for
 * {@code find}), shared by all readers within the share window and revalidated by ETag.
 */
final class DopplerSecretsClient implements SecretsClient {

    /** The one key a download in a {@code format} lands in, as upstream. */
    static final String SECRETS_FILE_KEY = "DOPPLER_SECRETS_FILE";

    private final ConfigDownloads downloads;
    private final String nameTransformer;
    private final String format;

    private final DopplerPusher pusher;

    DopplerSecretsClient(ConfigDownloads downloads, String nameTransformer, String format, DopplerPusher pusher) {
        this.downloads = downloads;
        this.nameTransformer = nameTransformer;
        this.format = format;
        this.pusher = pusher;
    }

    @Override
    public java.util.Optional<dev.coffer.provider.SecretsPusher> pusher() {
        return java.util.Optional.of(pusher);
    }

    @Override
    public String providerName() {
        return "doppler";
    }

    @Override
    public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
        if (ref == null || ref.key == null || ref.key.isEmpty()) {
            throw ProviderException.invalidConfig("remoteRef.key is required for a doppler store");
        }
        byte[] value = plain().get(ref.key);
        if (value == null) {
            throw ProviderException.notFound("secret \"" + ref.key + "\" not found in Doppler " + downloads.subject());
        }
        return JsonValues.select(value, ref.property, ref.key);
    }

    @Override
    public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
        return JsonValues.split(getSecret(ref), ref.key);
    }

    @Override
    public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
        if (find != null && find.tags != null && !find.tags.isEmpty()) {
            throw ProviderException.invalidConfig("dataFrom.find.tags is not supported by a doppler store (Doppler secrets have no tags)");
        }
        Map<String, byte[]> all;
        if (format != null) {
            all = Map.of(SECRETS_FILE_KEY, downloads.body(nameTransformer, format));
        } else {
            all = parse(downloads.body(nameTransformer, null));
        }
        String regexp = find == null || find.name == null ? null : find.name.regexp;
        String path = find == null ? null : find.path;
        Pattern pattern = regexp == null || regexp.isEmpty() ? null : FindRegexp.compile(regexp);
        Map<String, byte[]> out = new LinkedHashMap<>();
        all.forEach((name, value) -> {
            if ((pattern == null || pattern.matcher(name).find()) && (path == null || name.startsWith(path))) {
                out.put(name, value);
            }
        });
        return out;
    }

    /** The live check: the config downloads with these credentials (shared with reads, so usually free). */
    @Override
    public void validate() {
        plain();
    }

    @Override
    public void close() {
        downloads.clear();
    }

    private Map<String, byte[]> plain() {
        return plain(downloads);
    }

    private Map<String, byte[]> parse(byte[] body) {
        return parse(body, downloads);
    }

    /** The config as a map of names to values (the JSON download), shared within the window. */
    static Map<String, byte[]> plain(ConfigDownloads downloads) {
        return parse(downloads.body(null, null), downloads);
    }

    private static Map<String, byte[]> parse(byte[] body, ConfigDownloads downloads) {
        try {
            return JsonValues.split(body, "download");
        } catch (ProviderException e) {
            throw ProviderException.unavailable("Doppler's download of " + downloads.subject() + " is not a JSON object", null);
        }
    }
}
