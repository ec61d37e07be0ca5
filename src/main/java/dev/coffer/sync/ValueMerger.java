package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.MergeConflictPolicy;
import dev.coffer.api.externalsecrets.v1.MergePriorityPolicy;
import dev.coffer.api.externalsecrets.v1.MergeStrategy;
import dev.coffer.api.externalsecrets.v1.RewriteMerge;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.template.funcs.sprig.GoJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code rewrite[].merge}, as upstream: every value is a JSON object, and their members are
 * merged into one map. Keys not in {@code priority} are merged first, in sorted order, then the
 * {@code priority} keys in their order, so the last one wins a conflict. A priority key that is
 * not there fails ({@code Strict}, the default) or is skipped ({@code IgnoreNotFound}); a member
 * set by two values fails ({@code conflictPolicy: Error}, the default) or the later one wins
 * ({@code Ignore}). {@code Extract} (the default) makes each member a key (values by upstream's
 * GetByteValue); {@code JSON} keeps the input and adds the merged object under {@code into}.
 * Messages name keys and members, never values.
 */
final class ValueMerger {

    private ValueMerger() {
    }

    static Map<String, byte[]> merge(RewriteMerge op, Map<String, byte[]> in, String where) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Set<String> conflicts = new LinkedHashSet<>();
        for (String key : order(op, in)) {
            byte[] value = in.get(key);
            if (value == null) {
                if (op.priorityPolicy == MergePriorityPolicy.IgnoreNotFound) {
                    continue;
                }
                throw new InvalidSpecException(where + ": priority key \"" + key + "\" is not among the keys to merge");
            }
            Map<String, Object> members;
            try {
                members = JsonValues.decodeObject(value, key);
            } catch (ProviderException e) {
                throw new InvalidSpecException(where + ": " + e.getMessage() + " (every value to merge must be one)");
            }
            for (Map.Entry<String, Object> m : members.entrySet()) {
                if (merged.containsKey(m.getKey())) {
                    conflicts.add(m.getKey());
                }
                merged.put(m.getKey(), m.getValue());
            }
        }
        if (op.conflictPolicy != MergeConflictPolicy.Ignore && !conflicts.isEmpty()) {
            throw new InvalidSpecException(where + ": merge failed with conflicts: " + String.join(", ", conflicts)
                    + " (set conflictPolicy: Ignore to let the later value win)");
        }
        if (op.strategy == MergeStrategy.JSON) {
            if (op.into == null || op.into.isEmpty()) {
                throw new InvalidSpecException(where + ": strategy JSON needs 'into', the key to write the merged object to");
            }
            Map<String, byte[]> out = new LinkedHashMap<>(in);
            out.put(op.into, marshal(merged, where));
            return out;
        }
        Map<String, byte[]> out = new TreeMap<>();
        merged.forEach((k, v) -> out.put(k, JsonValues.byteValue(v)));
        return out;
    }

    /** Keys without priority in sorted order, then the priority keys in their given order. */
    private static List<String> order(RewriteMerge op, Map<String, byte[]> in) {
        List<String> priority = op.priority == null ? List.of() : op.priority;
        List<String> keys = new ArrayList<>(new TreeMap<>(in).keySet());
        keys.removeAll(priority);
        keys.addAll(priority);
        return keys;
    }

    /** Upstream's JSONMarshal: encoding/json without HTML escaping. */
    private static byte[] marshal(Map<String, Object> merged, String where) {
        try {
            return GoJson.marshal(merged, false, null).getBytes(StandardCharsets.UTF_8);
        } catch (GoJson.UnsupportedValueException e) {
            throw new InvalidSpecException(where + ": the merged object cannot be encoded as JSON");
        }
    }
}
