package dev.coffer.push;

import dev.coffer.api.externalsecrets.v1.ExternalSecretRewrite;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretConversionStrategy;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretData;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretDataTo;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretMatch;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretRemoteRef;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretRewrite;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretSpec;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretUpdatePolicy;
import dev.coffer.gocompat.GoRegexp;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.sync.InvalidSpecException;
import dev.coffer.sync.KeyRewriter;
import dev.coffer.sync.SecretTemplater;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pure part of a push: the source data (already templated) and the spec in, the values bound
 * for each store out. {@code data[]} goes to every store of {@code secretStoreRefs};
 * {@code dataTo[]} goes to its {@code storeRef}'s stores (every store when left out), one remote
 * secret per matching key (renamed by {@code rewrite}), or, with {@code remoteKey}, every matching
 * key as a property of that one remote secret. An explicit {@code data} entry wins over a
 * {@code dataTo} one for the same store and remote ref.
 */
final class PushPlanner {

    private PushPlanner() {
    }

    /**
     * @param stores       the store keys ("Kind/name") {@code data[]} goes to
     * @param dataToStores per {@code dataTo} index, the store keys it goes to
     */
    static List<PlannedPush> plan(PushSecretSpec spec, Map<String, byte[]> source, List<String> stores,
                                  List<List<String>> dataToStores, SecretTemplater templater) {
        boolean replace = spec.updatePolicy != PushSecretUpdatePolicy.IfNotExists;
        Map<String, PlannedPush> planned = new LinkedHashMap<>();
        if (spec.dataTo != null) {
            for (int i = 0; i < spec.dataTo.size(); i++) {
                for (PushSecretData entry : expand(spec.dataTo.get(i), source, templater, i)) {
                    for (String store : dataToStores.get(i)) {
                        add(planned, store, entry, source, replace);
                    }
                }
            }
        }
        if (spec.data != null) {
            for (int i = 0; i < spec.data.size(); i++) {
                PushSecretData entry = spec.data.get(i);
                if (entry == null || entry.match == null || entry.match.remoteRef == null
                        || entry.match.remoteRef.remoteKey == null || entry.match.remoteRef.remoteKey.isEmpty()) {
                    throw new InvalidSpecException("spec.data[" + i + "].match.remoteRef.remoteKey is required");
                }
                for (String store : stores) {
                    add(planned, store, entry, source, replace);
                }
            }
        }
        return new ArrayList<>(planned.values());
    }

    private static void add(Map<String, PlannedPush> planned, String store, PushSecretData entry,
                            Map<String, byte[]> source, boolean replace) {
        Map<String, byte[]> data = entry.conversionStrategy == PushSecretConversionStrategy.ReverseUnicode
                ? UnicodeKeys.reverse(source) : source;
        PushSecretRemoteRef ref = entry.match.remoteRef;
        PushRemoteRef remote = new PushRemoteRef(ref.remoteKey, ref.property, entry.metadata);
        String secretKey = entry.match.secretKey;
        PushRequest request;
        if (secretKey == null || secretKey.isEmpty()) {
            request = PushRequest.ofWholeSecret(remote, data, replace);
        } else {
            byte[] value = data.get(secretKey);
            if (value == null) {
                throw new InvalidSpecException("key \"" + secretKey + "\" not found in the source Secret");
            }
            request = PushRequest.ofValue(remote, value, replace);
        }
        String refKey = remote.toString();
        planned.put(store + "\u0000" + refKey, new PlannedPush(store, refKey, request, entry));
    }

    /** The {@code data}-like entries a {@code dataTo} item stands for, one per matching Secret key. */
    private static List<PushSecretData> expand(PushSecretDataTo to, Map<String, byte[]> source, SecretTemplater templater, int index) {
        GoRegexp match;
        try {
            match = to.match == null || to.match.regexp == null || to.match.regexp.isEmpty() ? null : GoRegexp.compile(to.match.regexp);
        } catch (GoRegexp.InvalidRegexpException e) {
            throw new InvalidSpecException("spec.dataTo[" + index + "].match.regexp: " + e.getMessage());
        }
        Map<String, byte[]> keys = new TreeMap<>();
        Map<String, byte[]> converted = to.conversionStrategy == PushSecretConversionStrategy.ReverseUnicode
                ? UnicodeKeys.reverse(source) : source;
        converted.forEach((k, v) -> {
            if (match == null || match.matches(k)) {
                keys.put(k, k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        // rewrite renames the keys: run it over a map of key -> original key, so each new name knows its source
        Map<String, byte[]> renamed = to.rewrite == null || to.rewrite.isEmpty() ? keys
                : KeyRewriter.rewrite(keys, rewriteSteps(to.rewrite), templater);
        List<PushSecretData> out = new ArrayList<>();
        renamed.forEach((remoteName, original) -> {
            PushSecretData d = new PushSecretData();
            d.match = new PushSecretMatch();
            d.match.secretKey = new String(original, java.nio.charset.StandardCharsets.UTF_8);
            d.match.remoteRef = new PushSecretRemoteRef();
            boolean oneRemote = to.remoteKey != null && !to.remoteKey.isEmpty();
            d.match.remoteRef.remoteKey = oneRemote ? to.remoteKey : remoteName;
            d.match.remoteRef.property = oneRemote ? remoteName : null;
            d.metadata = to.metadata;
            d.conversionStrategy = to.conversionStrategy;
            out.add(d);
        });
        return out;
    }

    private static List<ExternalSecretRewrite> rewriteSteps(List<PushSecretRewrite> steps) {
        List<ExternalSecretRewrite> out = new ArrayList<>();
        for (PushSecretRewrite s : steps) {
            ExternalSecretRewrite r = new ExternalSecretRewrite();
            r.regexp = s.regexp;
            r.transform = s.transform;
            out.add(r);
        }
        return out;
    }
}
