package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.Objects;

/** Who controls a Secret (pure). */
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
}
