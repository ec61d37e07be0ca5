package dev.coffer.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Objects;

/**
 * Where a push goes: {@code data[].match.remoteRef} of a PushSecret plus its per-provider
 * {@code data[].metadata}.
 *
 * @param remoteKey the remote secret's name, path or key (never empty)
 * @param property  one member of a structured remote value (a JSON object's key, a Kubernetes
 *                  Secret's data key), or {@code null} for the whole remote value
 * @param metadata  the entry's {@code metadata} as written in the manifest (for example AWS's
 *                  {@code {apiVersion: kubernetes.external-secrets.io/v1alpha1, kind:
 *                  PushSecretMetadata, spec: {secretPushFormat: string, tags: {...}}}}), or a
 *                  {@link NullNode} when there is none; each provider reads its own shape and
 *                  refuses one it cannot read with INVALID_CONFIG
 */
public record PushRemoteRef(String remoteKey, String property, JsonNode metadata) {

    public PushRemoteRef {
        Objects.requireNonNull(remoteKey, "remoteKey");
        if (property != null && property.isEmpty()) {
            property = null;
        }
        metadata = metadata == null ? NullNode.getInstance() : metadata;
    }

    public static PushRemoteRef of(String remoteKey, String property) {
        return new PushRemoteRef(remoteKey, property, null);
    }

    public boolean hasProperty() {
        return property != null;
    }

    /** How the ref reads in status, events and errors: {@code key} or {@code key/property}. */
    @Override
    public String toString() {
        return property == null ? remoteKey : remoteKey + "/" + property;
    }
}
