package dev.coffer.sync;

import dev.coffer.provider.ClientSource;
import dev.coffer.api.externalsecrets.v1.ConversionStrategy;
import dev.coffer.api.externalsecrets.v1.DecodingStrategy;
import dev.coffer.api.externalsecrets.v1.DeletionPolicy;
import dev.coffer.api.externalsecrets.v1.ExternalSecretData;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretSpec;
import dev.coffer.api.externalsecrets.v1.NullBytePolicy;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.StoreSourceRef;
import dev.coffer.generator.GeneratorSource;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fetch step: runs the remote reads an ExternalSecret asks for and applies the per-value
 * strategies (conversion, decoding, null bytes, rewrite). Items with a {@code generatorRef} get
 * their values from the {@link GeneratorSource}. {@code dataFrom} is read first and
 * {@code data} last, so explicit keys win, as upstream.
 *
 * <p>Missing remote secrets follow ESO: under deletionPolicy Delete or Merge, an entry whose
 * remote secret does not exist ({@link ProviderException.Kind#NOT_FOUND}) is skipped and reported
 * to the {@link MissingEntries} listener, and the others are still fetched; what to do when
 * nothing at all is left is the reconciler's call. Under Retain it is an error, so the Secret
 * keeps every key it had.
 */
public final class DataFetcher {

    private final ClientSource clients;
    private final GeneratorSource generators;
    private final SecretTemplater templater;
    private final MissingEntries missing;

    /** Hears of each entry skipped because its remote secret does not exist, e.g. "spec.data[2] (key=db)". */
    public interface MissingEntries {
        MissingEntries IGNORE = where -> { };

        void skipped(String where);
    }

    public DataFetcher(ClientSource clients, SecretTemplater templater) {
        this(clients, GeneratorSource.NONE, templater);
    }

    public DataFetcher(ClientSource clients, GeneratorSource generators, SecretTemplater templater) {
        this(clients, generators, templater, MissingEntries.IGNORE);
    }

    public DataFetcher(ClientSource clients, GeneratorSource generators, SecretTemplater templater, MissingEntries missing) {
        this.clients = clients;
        this.generators = generators;
        this.templater = templater;
        this.missing = missing;
    }

    public Map<String, byte[]> fetch(ExternalSecretSpec spec) {
        boolean skipMissing = Policies.deletion(spec) != DeletionPolicy.Retain;
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (spec.dataFrom != null) {
            for (int i = 0; i < spec.dataFrom.size(); i++) {
                ExternalSecretDataFromRemoteRef ref = spec.dataFrom.get(i);
                String where = "spec.dataFrom[" + i + "]";
                if (isGenerator(ref.sourceRef)) {
                    out.putAll(generatedDataFrom(ref, where));
                    continue;
                }
                try {
                    out.putAll(fetchDataFrom(spec, ref, where));
                } catch (ProviderException e) {
                    skipIfMissing(e, skipMissing, where);
                }
            }
        }
        if (spec.data != null) {
            for (int i = 0; i < spec.data.size(); i++) {
                ExternalSecretData d = spec.data.get(i);
                if (isGenerator(d.sourceRef)) {
                    out.put(d.secretKey, generatedData(d, "spec.data[" + i + "]"));
                    continue;
                }
                try {
                    out.put(d.secretKey, fetchData(spec, d));
                } catch (ProviderException e) {
                    skipIfMissing(e, skipMissing, "spec.data[" + i + "] (key=" + d.remoteRef.key + ")");
                }
            }
        }
        return out;
    }

    private byte[] fetchData(ExternalSecretSpec spec, ExternalSecretData d) {
        SecretsClient client = client(spec, d.sourceRef, "spec.data secretKey \"" + d.secretKey + "\"");
        byte[] value = ValueDecoding.decode(client.getSecret(d.remoteRef), d.remoteRef.decodingStrategy, d.secretKey);
        NullBytes.check(d.remoteRef.nullBytePolicy, d.secretKey, value);
        return value;
    }

    /** Rethrows anything but "the remote secret does not exist" under a policy that lets such entries go. */
    private void skipIfMissing(ProviderException e, boolean skipMissing, String where) {
        if (!skipMissing || e.kind() != ProviderException.Kind.NOT_FOUND) {
            throw e;
        }
        missing.skipped(where);
    }

    private Map<String, byte[]> fetchDataFrom(ExternalSecretSpec spec, ExternalSecretDataFromRemoteRef ref, String where) {
        SecretsClient client = client(spec, ref.sourceRef, where);
        Map<String, byte[]> raw;
        ConversionStrategy conversion;
        DecodingStrategy decoding;
        NullBytePolicy nullBytes;
        if (ref.extract != null) {
            raw = client.getSecretMap(ref.extract);
            conversion = ref.extract.conversionStrategy;
            decoding = ref.extract.decodingStrategy;
            nullBytes = ref.extract.nullBytePolicy;
        } else {
            raw = client.getAllSecrets(ref.find);
            conversion = ref.find.conversionStrategy;
            decoding = ref.find.decodingStrategy;
            nullBytes = ref.find.nullBytePolicy;
        }
        Map<String, byte[]> keyed = keyed(raw, ref, conversion == null ? ConversionStrategy.Default : conversion, decoding, where);
        NullBytes.check(nullBytes, keyed);
        return keyed;
    }

    /**
     * Generator values for a dataFrom item: kept from an earlier sync when still valid, else new
     * ones, rewritten as upstream (no conversion, no decoding).
     */
    private Map<String, byte[]> generatedDataFrom(ExternalSecretDataFromRemoteRef ref, String where) {
        var gen = ref.sourceRef.generatorRef;
        return generators.reuse(where, gen).orElseGet(() -> {
            Map<String, byte[]> keyed = keyed(generators.generate(where, gen), ref, null, DecodingStrategy.None, where);
            generators.produced(where, keyed.keySet());
            return keyed;
        });
    }

    /**
     * Coffer extension (upstream does not implement generators in data[]): the generator value
     * named by remoteRef.property, else remoteRef.key, else the only value it produces.
     */
    private byte[] generatedData(ExternalSecretData d, String where) {
        var gen = d.sourceRef.generatorRef;
        byte[] kept = generators.reuse(where, gen).map(m -> m.get(d.secretKey)).orElse(null);
        if (kept != null) {
            return kept;
        }
        Map<String, byte[]> raw = generators.generate(where, gen);
        String property = d.remoteRef == null ? null : d.remoteRef.property;
        String name = property != null && !property.isEmpty() ? property : d.remoteRef == null ? null : d.remoteRef.key;
        byte[] value;
        if (name == null || name.isEmpty()) {
            if (raw.size() != 1) {
                throw new InvalidSpecException(where + ": the generator produces " + raw.keySet()
                        + "; name one in remoteRef.property");
            }
            value = raw.values().iterator().next();
        } else {
            value = raw.get(name);
            if (value == null) {
                throw new InvalidSpecException(where + ": the generator produces no \"" + name + "\" (it produces "
                        + raw.keySet() + ")");
            }
        }
        generators.produced(where, List.of(d.secretKey));
        return ValueDecoding.decode(value, d.remoteRef == null ? null : d.remoteRef.decodingStrategy, d.secretKey);
    }

    /** Rewrite (or, without one, key conversion when given), key validation and decoding of a map of values. */
    private Map<String, byte[]> keyed(Map<String, byte[]> raw, ExternalSecretDataFromRemoteRef ref, ConversionStrategy conversion,
                                      DecodingStrategy decoding, String where) {
        // As upstream: rewrite sees the remote names; conversion applies only when there is no rewrite.
        Map<String, byte[]> keyed;
        if (ref.rewrite != null && !ref.rewrite.isEmpty()) {
            keyed = KeyRewriter.rewrite(raw, ref.rewrite, templater);
        } else {
            keyed = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> e : raw.entrySet()) {
                String key = conversion == null ? e.getKey() : KeyConversion.convert(e.getKey(), conversion);
                if (keyed.put(key, e.getValue()) != null) {
                    throw new InvalidSpecException(where + ": two remote keys convert to the same Secret key \"" + key
                            + "\"; use conversionStrategy Unicode or a rewrite");
                }
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : keyed.entrySet()) {
            String key = e.getKey();
            if (!SecretKeys.isValid(key)) {
                throw new InvalidSpecException(where + ": key \"" + key + "\" is not a valid Secret key after rewrite");
            }
            out.put(key, ValueDecoding.decode(e.getValue(), decoding, key));
        }
        return out;
    }

    private static boolean isGenerator(StoreSourceRef source) {
        return source != null && source.generatorRef != null;
    }

    private SecretsClient client(ExternalSecretSpec spec, StoreSourceRef source, String where) {
        SecretStoreRef ref = source != null && source.storeRef != null ? source.storeRef : spec.secretStoreRef;
        if (ref == null || ref.name == null || ref.name.isEmpty()) {
            throw new InvalidSpecException(where + ": no store: set spec.secretStoreRef or a sourceRef.storeRef");
        }
        return clients.clientFor(ref);
    }
}
