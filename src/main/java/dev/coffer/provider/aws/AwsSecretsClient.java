package dev.coffer.provider.aws;

import dev.coffer.provider.FindRegexp;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SharedCalls;
import dev.coffer.provider.SecretsClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What Secrets Manager and Parameter Store clients share: the prefix, picking a property,
 * splitting for extract, metadata as JSON, call sharing, error mapping and closing. A subclass
 * only fetches raw values, tags and find results from its service.
 */
abstract class AwsSecretsClient implements SecretsClient {

    private final String prefix;
    private final String region;
    private final SharedCalls shared;
    private final AwsCredentialChain credentials;
    private final AwsClients clients;

    AwsSecretsClient(String prefix, String region, SharedCalls shared, AwsCredentialChain credentials, AwsClients clients) {
        this.prefix = prefix == null ? "" : prefix;
        this.region = region;
        this.shared = shared;
        this.credentials = credentials;
        this.clients = clients;
    }

    /** The value of a remote secret, string or binary, of the given version (null: current). */
    protected abstract byte[] fetchValue(String name, String version);

    /** The tags of a remote secret. */
    protected abstract Map<String, String> fetchTags(String name, String version);

    /** Every remote secret that matches, keyed by its remote name. */
    protected abstract Map<String, byte[]> fetchAll(ExternalSecretFind find);

    /** The service's own SDK client(s), closed before the shared HTTP client. */
    protected abstract void closeServiceClients();

    @Override
    public final String providerName() {
        return "aws";
    }

    @Override
    public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
        if (ref == null || ref.key == null || ref.key.isEmpty()) {
            throw ProviderException.invalidConfig("remoteRef.key is required for an aws store");
        }
        String name = prefix + ref.key;
        String version = ref.version == null || ref.version.isEmpty() ? null : ref.version;
        byte[] raw = ref.metadataPolicy == MetadataPolicy.Fetch
                ? shared(new String[] {"tags", name, version}, () -> JsonValues.toJson(new TreeMap<>(fetchTags(name, version))))
                : shared(new String[] {"value", name, version}, () -> fetchValue(name, version));
        return JsonValues.select(raw, ref.property, ref.key);
    }

    @Override
    public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
        return JsonValues.split(getSecret(ref), ref.key);
    }

    @Override
    public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
        if (find == null || (isBlank(find.path) && (find.name == null || isBlank(find.name.regexp))
                && (find.tags == null || find.tags.isEmpty()))) {
            throw ProviderException.invalidConfig("dataFrom.find needs a name regexp, tags or a path for an aws store");
        }
        Map<String, byte[]> found = shared(new String[] {"find", find.path, find.name == null ? null : find.name.regexp,
                find.tags == null ? null : new TreeMap<>(find.tags).toString()}, () -> fetchAll(find));
        Map<String, byte[]> copy = new LinkedHashMap<>();
        found.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    /** Cheap live check, as upstream: the credentials resolve (runs any role assumption). */
    @Override
    public void validate() {
        call("ResolveCredentials", "the store's credentials", () -> credentials.provider().resolveCredentials());
    }

    @Override
    public void close() {
        shared.clear();
        closeServiceClients();
        credentials.close();
        clients.close();
    }

    /** Runs one AWS call, turning an SDK failure into a typed, value-free error. */
    protected final <T> T call(String operation, String subject, Supplier<T> call) {
        return AwsErrors.guard(operation, subject, region, call);
    }

    /** The find name filter, compiled; matched anywhere in the name, as upstream. */
    protected static Pattern regexp(String regexp) {
        return FindRegexp.compile(regexp);
    }

    protected static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private <V> V shared(String[] parts, Supplier<V> loader) {
        return shared.get(SharedCalls.key(parts), loader);
    }
}
