package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ConversionStrategy;
import dev.coffer.api.externalsecrets.v1.DecodingStrategy;
import dev.coffer.api.externalsecrets.v1.ExternalSecretData;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef;
import dev.coffer.api.externalsecrets.v1.NullBytePolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first half of the shape step: each fetched item's raw values through its own strategies
 * (decodingStrategy, conversionStrategy or rewrite, key validation, nullBytePolicy), then the items
 * merged in order, so {@code data} (fetched last) wins over {@code dataFrom}, and a later
 * {@code dataFrom} item over an earlier one, as upstream. Pure: no Kubernetes, no provider.
 * {@link SecretShaper} then templates the result into the desired Secret.
 */
public final class ProviderDataShaper {

    /**
     * The provider data, and the Secret keys each newly generated {@code dataFrom} item ended up
     * with after its rewrite (the generator session records them, so a later sync can keep them).
     */
    public record ProviderData(Map<String, byte[]> data, Map<String, Set<String>> generatedKeys) {
    }

    private ProviderDataShaper() {
    }

    public static ProviderData shape(List<FetchedItem> fetched, SecretTemplater templater) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Map<String, Set<String>> generatedKeys = new LinkedHashMap<>();
        for (FetchedItem item : fetched) {
            if (item.origin() == FetchedItem.Origin.KEPT) {
                out.putAll(item.values());
            } else if (item.dataFrom() != null) {
                Map<String, byte[]> keyed = dataFrom(item, templater);
                if (item.origin() == FetchedItem.Origin.GENERATED) {
                    generatedKeys.put(item.where(), Set.copyOf(keyed.keySet()));
                }
                out.putAll(keyed);
            } else {
                out.put(item.data().secretKey, data(item));
            }
        }
        return new ProviderData(out, generatedKeys);
    }

    /** A data[] value: decoded; a provider's checked for NUL bytes after decoding. */
    private static byte[] data(FetchedItem item) {
        ExternalSecretData d = item.data();
        byte[] value = ValueDecoding.decode(item.values().get(d.secretKey), d.remoteRef == null ? null : d.remoteRef.decodingStrategy,
                d.secretKey);
        if (item.origin() == FetchedItem.Origin.PROVIDER) {
            NullBytes.check(d.remoteRef.nullBytePolicy, d.secretKey, value);
        }
        return value;
    }

    /** A dataFrom item's values: a provider's get extract's or find's strategies; new generator values only the rewrite. */
    private static Map<String, byte[]> dataFrom(FetchedItem item, SecretTemplater templater) {
        ExternalSecretDataFromRemoteRef ref = item.dataFrom();
        if (item.origin() == FetchedItem.Origin.GENERATED) {
            return keyed(item.values(), ref, null, DecodingStrategy.None, item.where(), templater);
        }
        ConversionStrategy conversion;
        DecodingStrategy decoding;
        NullBytePolicy nullBytes;
        if (ref.extract != null) {
            conversion = ref.extract.conversionStrategy;
            decoding = ref.extract.decodingStrategy;
            nullBytes = ref.extract.nullBytePolicy;
        } else {
            conversion = ref.find.conversionStrategy;
            decoding = ref.find.decodingStrategy;
            nullBytes = ref.find.nullBytePolicy;
        }
        Map<String, byte[]> keyed = keyed(item.values(), ref, conversion == null ? ConversionStrategy.Default : conversion,
                decoding, item.where(), templater);
        NullBytes.check(nullBytes, keyed);
        return keyed;
    }

    /** Rewrite (or, without one, key conversion when given), key validation and decoding of a map of values. */
    private static Map<String, byte[]> keyed(Map<String, byte[]> raw, ExternalSecretDataFromRemoteRef ref, ConversionStrategy conversion,
                                             DecodingStrategy decoding, String where, SecretTemplater templater) {
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
}
