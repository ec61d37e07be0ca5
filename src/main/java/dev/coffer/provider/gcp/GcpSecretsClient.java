package dev.coffer.provider.gcp;

import dev.coffer.provider.FindRegexp;
import com.google.api.gax.rpc.StatusCode;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretVersion;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.api.externalsecrets.v1.providers.GcpSecretVersionSelectionPolicy;
import dev.coffer.metrics.EsoMeters;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SecretsPusher;
import dev.coffer.provider.SharedCalls;
import io.micrometer.core.instrument.Tags;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads one gcpsm store through the Secret Manager SDK. Identical reads share one call (in flight
 * and for a short window); every failure is typed, and NOT_FOUND means the secret itself does not
 * exist (a missing or disabled version of an existing secret is a configuration error).
 */
final class GcpSecretsClient implements SecretsClient {

    static final String METRIC = "externalsecret_provider_api_calls_count";
    static final String METRIC_PROVIDER = "GCP/SecretManager";
    private static final String LATEST = "latest";

    private final SecretNames names;
    private final GcpSecretVersionSelectionPolicy policy;
    private final SecretManagerServiceClient sm;
    private final GoogleCredentials credentials;
    private final SharedCalls shared;
    private final GcpOptions options;
    private final GcpPusher pusher;

    GcpSecretsClient(SecretNames names, GcpSecretVersionSelectionPolicy policy, SecretManagerServiceClient sm,
                     GoogleCredentials credentials, GcpOptions options) {
        this.names = names;
        this.policy = policy == null ? GcpSecretVersionSelectionPolicy.LatestOrFail : policy;
        this.sm = sm;
        this.credentials = credentials;
        this.options = options;
        this.shared = new SharedCalls(options.shareCalls(), options.shareWindow());
        this.pusher = new GcpPusher(names, sm, this);
    }

    /** Secret Manager can be written ({@link GcpPusher}). */
    @Override
    public Optional<SecretsPusher> pusher() {
        return Optional.of(pusher);
    }

    @Override
    public String providerName() {
        return "gcpsm";
    }

    @Override
    public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
        if (ref == null || ref.key == null || ref.key.isEmpty()) {
            throw ProviderException.invalidConfig("remoteRef.key is required for a gcpsm store");
        }
        if (ref.metadataPolicy == MetadataPolicy.Fetch) {
            return metadata(ref);
        }
        boolean defaultVersion = ref.version == null || ref.version.isEmpty();
        String version = defaultVersion ? LATEST : ref.version;
        byte[] raw = shared.get(SharedCalls.key("value", ref.key, version), () -> access(ref.key, version, defaultVersion));
        return JsonValues.select(raw, ref.property, ref.key);
    }

    @Override
    public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
        return JsonValues.split(getSecret(ref), ref.key);
    }

    @Override
    public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
        String regexp = find == null || find.name == null ? null : blankToNull(find.name.regexp);
        boolean tags = find != null && find.tags != null && !find.tags.isEmpty();
        String path = find == null ? null : blankToNull(find.path);
        if (regexp == null && !tags && path == null) {
            throw ProviderException.invalidConfig("dataFrom.find needs a name regexp, tags or a path for a gcpsm store");
        }
        String filter = filter(find.tags, path);
        Pattern pattern = regexp == null ? null : compile(regexp);
        List<String> keys = shared.get(SharedCalls.key("list", filter), () -> list(filter));
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String key : keys) {
            // The name filter matches anywhere in the name, so the path is checked again as a prefix.
            if ((pattern == null || pattern.matcher(key).find()) && (path == null || key.startsWith(path))) {
                out.put(key, shared.get(SharedCalls.key("value", key, LATEST), () -> access(key, LATEST, true)).clone());
            }
        }
        return out;
    }

    /** Cheap live check: the credentials yield an access token. */
    @Override
    public void validate() {
        try {
            credentials.refreshIfExpired();
        } catch (IOException | RuntimeException e) {
            throw GcpErrors.map(e instanceof RuntimeException re ? re : new IllegalStateException(e),
                    "getting an access token", "the store's credentials");
        }
    }

    @Override
    public void close() {
        shared.clear();
        SecretManagerConnection.close(sm);
    }

    private byte[] access(String key, String version, boolean defaultVersion) {
        String subject = subject(key, version);
        try {
            return call("AccessSecretVersion", () -> sm.accessSecretVersion(names.version(key, version)))
                    .getPayload().getData().toByteArray();
        } catch (RuntimeException e) {
            StatusCode.Code code = GcpErrors.code(e);
            if (code == StatusCode.Code.FAILED_PRECONDITION && defaultVersion
                    && policy == GcpSecretVersionSelectionPolicy.LatestOrFetch) {
                return newestEnabled(key);
            }
            if (code == StatusCode.Code.FAILED_PRECONDITION) {
                throw ProviderException.invalidConfig(subject + " is disabled or destroyed (FAILED_PRECONDITION)"
                        + (defaultVersion ? "; secretVersionSelectionPolicy LatestOrFetch reads the newest enabled version" : ""));
            }
            if (code == StatusCode.Code.NOT_FOUND) {
                throw versionOrSecretMissing(key, version, e);
            }
            throw GcpErrors.map(e, "AccessSecretVersion", subject);
        }
    }

    /** As upstream: the ENABLED version created last; none at all reads "latest" for its own error. */
    private byte[] newestEnabled(String key) {
        ListSecretVersionsRequest request = ListSecretVersionsRequest.newBuilder()
                .setParent(names.secret(key)).setFilter("state:ENABLED").build();
        SecretVersion[] newest = new SecretVersion[1];
        pages("ListSecretVersions", "the enabled versions of secret \"" + key + "\"",
                () -> sm.listSecretVersions(request).iteratePages(),
                (SecretManagerServiceClient.ListSecretVersionsPage page) -> page.getValues().forEach(v -> {
                    if (newest[0] == null || compare(v, newest[0]) > 0) {
                        newest[0] = v;
                    }
                }));
        if (newest[0] == null) {
            throw ProviderException.invalidConfig(subject(key, LATEST) + " has no enabled version");
        }
        String name = newest[0].getName();
        String version = name.substring(name.lastIndexOf('/') + 1);
        return access(key, version, false);
    }

    private static int compare(SecretVersion a, SecretVersion b) {
        int bySeconds = Long.compare(a.getCreateTime().getSeconds(), b.getCreateTime().getSeconds());
        return bySeconds != 0 ? bySeconds : Integer.compare(a.getCreateTime().getNanos(), b.getCreateTime().getNanos());
    }

    /**
     * The API answers NOT_FOUND both for a missing secret and for a missing version; only the
     * first may empty a Secret through deletionPolicy, so an existing secret turns it into a
     * configuration error naming the version.
     */
    private ProviderException versionOrSecretMissing(String key, String version, RuntimeException original) {
        try {
            call("GetSecret", () -> sm.getSecret(names.secret(key)));
        } catch (RuntimeException probe) {
            if (GcpErrors.code(probe) == StatusCode.Code.NOT_FOUND) {
                return ProviderException.notFound("secret \"" + key + "\" not found in " + names.parent() + " (NOT_FOUND)");
            }
            return GcpErrors.map(original, "AccessSecretVersion", subject(key, version));
        }
        return ProviderException.invalidConfig(LATEST.equals(version)
                ? "secret \"" + key + "\" has no versions (NOT_FOUND)"
                : "version \"" + version + "\" of secret \"" + key + "\" does not exist (NOT_FOUND)");
    }

    /** The secret's labels and annotations as JSON; a property picks {@code labels}, {@code annotations} or one entry. */
    private byte[] metadata(ExternalSecretDataRemoteRef ref) {
        String property = ref.property == null ? "" : ref.property;
        if (!property.isEmpty() && !property.equals("labels") && !property.equals("annotations")
                && !property.startsWith("labels.") && !property.startsWith("annotations.")) {
            throw ProviderException.invalidConfig("property \"" + property + "\" of key \"" + ref.key
                    + "\": with metadataPolicy Fetch it must be labels, annotations, labels.NAME or annotations.NAME");
        }
        byte[] json = shared.get(SharedCalls.key("metadata", ref.key), () -> {
            Secret secret;
            try {
                secret = call("GetSecret", () -> sm.getSecret(names.secret(ref.key)));
            } catch (RuntimeException e) {
                throw GcpErrors.map(e, "GetSecret", "secret \"" + ref.key + "\"");
            }
            Map<String, Object> meta = new TreeMap<>();
            meta.put("annotations", new TreeMap<>(secret.getAnnotationsMap()));
            meta.put("labels", new TreeMap<>(secret.getLabelsMap()));
            return JsonValues.toJson(meta);
        });
        if (property.isEmpty()) {
            return json.clone();
        }
        // Label and annotation names may hold dots: the entry name is everything after the first one.
        int dot = property.indexOf('.');
        if (dot < 0) {
            return JsonValues.property(json, property, ref.key);
        }
        byte[] group = JsonValues.property(json, property.substring(0, dot), ref.key);
        return JsonValues.property(group, property.substring(dot + 1), ref.key);
    }

    private List<String> list(String filter) {
        ListSecretsRequest.Builder request = ListSecretsRequest.newBuilder().setParent(names.parent());
        if (filter != null) {
            request.setFilter(filter);
        }
        List<String> keys = new ArrayList<>();
        pages("ListSecrets", "the secrets of " + names.parent() + " matching dataFrom.find",
                () -> sm.listSecrets(request.build()).iteratePages(),
                (SecretManagerServiceClient.ListSecretsPage page) -> page.getValues()
                        .forEach(s -> keys.add(SecretNames.shortName(s.getName()))));
        return keys;
    }

    /** Walks every page of a list call (the SDK fetches the next page on demand), counting each page as a call. */
    private <P> void pages(String operation, String subject, Supplier<Iterable<P>> first, Consumer<P> each) {
        try {
            for (P page : first.get()) {
                count(operation, "success");
                each.accept(page);
            }
        } catch (RuntimeException e) {
            count(operation, "error");
            throw GcpErrors.map(e, operation, subject);
        }
    }

    /** Server-side filter: labels as {@code labels.K=V}, the path as {@code name:PATH}. */
    static String filter(Map<String, String> tags, String path) {
        List<String> terms = new ArrayList<>();
        if (tags != null) {
            new TreeMap<>(tags).forEach((k, v) -> terms.add("labels." + k + "=" + v));
        }
        if (path != null) {
            terms.add("name:" + path);
        }
        return terms.isEmpty() ? null : String.join(" ", terms);
    }

    /** One SDK call, counted in ESO's API-call metric once the SDK's retries are done (the pusher's too). */
    <T> T call(String operation, Supplier<T> call) {
        try {
            T result = call.get();
            count(operation, "success");
            return result;
        } catch (RuntimeException e) {
            count(operation, "error");
            throw e;
        }
    }

    private void count(String operation, String status) {
        EsoMeters.increment(options.meters(), METRIC, "Number of API calls towards the secret provider",
                Tags.of("provider", METRIC_PROVIDER, "call", operation, "status", status));
    }

    private static Pattern compile(String regexp) {
        return FindRegexp.compile(regexp);
    }

    private static String subject(String key, String version) {
        return "secret \"" + key + "\" version \"" + version + "\"";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
