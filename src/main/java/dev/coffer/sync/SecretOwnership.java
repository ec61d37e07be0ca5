package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Who controls a Secret, and what deletionPolicy Merge leaves of it (pure). */
final class SecretOwnership {

    private SecretOwnership() {
    }

    static boolean controlledBy(Secret secret, ExternalSecret es) {
        if (secret.getMetadata().getOwnerReferences() == null) {
            return false;
        }
        for (OwnerReference ref : secret.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(ref.getController()) && Objects.equals(ref.getUid(), es.getMetadata().getUid())) {
                return true;
            }
        }
        return false;
    }

    /** The Secret without the keys this ExternalSecret merged into it (recorded in an annotation). */
    static Secret withoutMergedKeys(Secret live) {
        Map<String, String> annotations = new HashMap<>(live.getMetadata().getAnnotations() == null
                ? Map.of() : live.getMetadata().getAnnotations());
        String keys = annotations.remove(ManagedSecret.ANNOTATION_MERGED_KEYS);
        Map<String, String> data = new HashMap<>(live.getData() == null ? Map.of() : live.getData());
        if (keys != null && !keys.isEmpty()) {
            Arrays.stream(keys.split(",")).forEach(data::remove);
        }
        annotations.put(ManagedSecret.ANNOTATION_DATA_HASH, ManagedSecret.dataHash(data));
        return new SecretBuilder(live).editMetadata().withAnnotations(annotations).endMetadata().withData(data).build();
    }
}
