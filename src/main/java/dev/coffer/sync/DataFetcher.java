package dev.coffer.sync;

import dev.coffer.provider.ClientSource;
import dev.coffer.api.externalsecrets.v1.DeletionPolicy;
import dev.coffer.api.externalsecrets.v1.ExternalSecretData;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretSpec;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.StoreSourceRef;
import dev.coffer.generator.GeneratorSource;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fetch step: runs the remote reads an ExternalSecret asks for and returns each spec item's
 * raw values ({@link FetchedItem}), in the order they apply: {@code dataFrom} first and
 * {@code data} last, so explicit keys win, as upstream. Decoding, key conversion, rewrite and
 * the null-byte check are the shape step's ({@link ProviderDataShaper}). Items with a
 * {@code generatorRef} get their values from the {@link GeneratorSource}.
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
    private final MissingEntries missing;

    /** Hears of each entry skipped because its remote secret does not exist, e.g. "spec.data[2] (key=db)". */
    public interface MissingEntries {
        MissingEntries IGNORE = where -> { };

        void skipped(String where);
    }

    public DataFetcher(ClientSource clients) {
        this(clients, GeneratorSource.NONE);
    }

    public DataFetcher(ClientSource clients, GeneratorSource generators) {
        this(clients, generators, MissingEntries.IGNORE);
    }

    public DataFetcher(ClientSource clients, GeneratorSource generators, MissingEntries missing) {
        this.clients = clients;
        this.generators = generators;
        this.missing = missing;
    }

    public List<FetchedItem> fetch(ExternalSecretSpec spec) {
        boolean skipMissing = Policies.deletion(spec) != DeletionPolicy.Retain;
        List<FetchedItem> out = new ArrayList<>();
        if (spec.dataFrom != null) {
            for (int i = 0; i < spec.dataFrom.size(); i++) {
                ExternalSecretDataFromRemoteRef ref = spec.dataFrom.get(i);
                String where = "spec.dataFrom[" + i + "]";
                if (isGenerator(ref.sourceRef)) {
                    out.add(generatedDataFrom(ref, where));
                    continue;
                }
                try {
                    out.add(FetchedItem.values(where, FetchedItem.Origin.PROVIDER, ref, fetchDataFrom(spec, ref, where)));
                } catch (ProviderException e) {
                    skipIfMissing(e, skipMissing, where);
                }
            }
        }
        if (spec.data != null) {
            for (int i = 0; i < spec.data.size(); i++) {
                ExternalSecretData d = spec.data.get(i);
                String where = "spec.data[" + i + "]";
                if (isGenerator(d.sourceRef)) {
                    out.add(generatedData(d, where));
                    continue;
                }
                try {
                    SecretsClient client = client(spec, d.sourceRef, "spec.data secretKey \"" + d.secretKey + "\"");
                    out.add(FetchedItem.value(where, FetchedItem.Origin.PROVIDER, d, client.getSecret(d.remoteRef)));
                } catch (ProviderException e) {
                    skipIfMissing(e, skipMissing, where + " (key=" + d.remoteRef.key + ")");
                }
            }
        }
        return out;
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
        return ref.extract != null ? client.getSecretMap(ref.extract) : client.getAllSecrets(ref.find);
    }

    /**
     * Generator values for a dataFrom item: kept from an earlier sync when still valid (final
     * keys), else new ones (the generator's names; the shape step rewrites them).
     */
    private FetchedItem generatedDataFrom(ExternalSecretDataFromRemoteRef ref, String where) {
        var gen = ref.sourceRef.generatorRef;
        return generators.reuse(where, gen)
                .map(kept -> FetchedItem.values(where, FetchedItem.Origin.KEPT, ref, kept))
                .orElseGet(() -> FetchedItem.values(where, FetchedItem.Origin.GENERATED, ref, generators.generate(where, gen)));
    }

    /**
     * Coffer extension (upstream does not implement generators in data[]): the generator value
     * named by remoteRef.property, else remoteRef.key, else the only value it produces.
     */
    private FetchedItem generatedData(ExternalSecretData d, String where) {
        var gen = d.sourceRef.generatorRef;
        byte[] kept = generators.reuse(where, gen).map(m -> m.get(d.secretKey)).orElse(null);
        if (kept != null) {
            return FetchedItem.value(where, FetchedItem.Origin.KEPT, d, kept);
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
        return FetchedItem.value(where, FetchedItem.Origin.GENERATED, d, value);
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
