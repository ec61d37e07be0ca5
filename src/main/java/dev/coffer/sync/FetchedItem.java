package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecretData;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataFromRemoteRef;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One spec item's data as the fetch step got it, raw: no decoding, no key conversion, no rewrite,
 * no null-byte check (the shape step, {@link ProviderDataShaper}, applies those). Exactly one of
 * {@code data} and {@code dataFrom} is set.
 *
 * @param where    the spec item, e.g. {@code spec.dataFrom[0]}, as errors and generator state name it
 * @param origin   where the values came from, which decides what shaping they get
 * @param data     the {@code spec.data[]} item; its one value is under its {@code secretKey}
 * @param dataFrom the {@code spec.dataFrom[]} item; values under the remote (or generator) names
 * @param values   the raw values
 */
public record FetchedItem(String where, Origin origin, ExternalSecretData data, ExternalSecretDataFromRemoteRef dataFrom,
                          Map<String, byte[]> values) {

    /** Where an item's values came from. */
    public enum Origin {
        /** A provider read: every strategy of the item applies. */
        PROVIDER,
        /** New generator values: rewrite and (for data[]) decoding apply, as upstream. */
        GENERATED,
        /** Generator values kept from an earlier sync, as the target Secret holds them: used as they are. */
        KEPT
    }

    public FetchedItem {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A {@code spec.data[]} item's one value. */
    public static FetchedItem value(String where, Origin origin, ExternalSecretData item, byte[] value) {
        return new FetchedItem(where, origin, item, null, Map.of(item.secretKey, value));
    }

    /** A {@code spec.dataFrom[]} item's values. */
    public static FetchedItem values(String where, Origin origin, ExternalSecretDataFromRemoteRef item, Map<String, byte[]> values) {
        return new FetchedItem(where, origin, null, item, values);
    }
}
