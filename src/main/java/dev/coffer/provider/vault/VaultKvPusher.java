package dev.coffer.provider.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.SecretsPusher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Pushes to a Vault KV engine, as upstream's vault provider does and so that either operator
 * recognises the other's secrets.
 *
 * <ul>
 *   <li><b>The value.</b> A Vault secret is a key/value object. With {@code remoteRef.property}
 *   the pushed value becomes that member (a string) and the other members are kept; without
 *   one the pushed value must be a JSON object (a whole-Secret push always is) and replaces the
 *   secret's data.</li>
 *   <li><b>The marker.</b> KV v2: {@code custom_metadata} {@code managed-by: external-secrets} on
 *   the secret's metadata, written when Coffer creates the secret (merged into custom metadata a
 *   soft-deleted secret may still have). KV v1 has no metadata, so upstream keeps the marker as
 *   a {@code custom_metadata} member inside the value; Coffer does the same, and leaves that
 *   member out when comparing values.</li>
 *   <li><b>KV v2 writes use check-and-set</b> with the version read just before, so a concurrent
 *   writer's version is never lost: the write fails and the push is retried.</li>
 *   <li><b>Delete.</b> With a property, only that member (the secret goes when it was the last).
 *   Else KV v2 deletes the metadata, which removes every version, as upstream's delete ends; KV
 *   v1 deletes the path.</li>
 * </ul>
 */
final class VaultKvPusher implements SecretsPusher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOM_METADATA = "custom_metadata";

    private final VaultKv kv;
    private final VaultPaths paths;
    private final VaultLogical logical;

    VaultKvPusher(VaultKv kv, VaultPaths paths, VaultLogical logical) {
        this.kv = kv;
        this.paths = paths;
        this.logical = logical;
    }

    /** What the engine holds for a key: its data (null: none), whether it carries the marker, the v2 metadata. */
    private record Held(ObjectNode data, boolean managed, JsonNode metadata, long version) {

        boolean exists() {
            return data != null;
        }

        /** The value without v1's marker member: what a push is compared with. */
        ObjectNode value() {
            ObjectNode copy = data.deepCopy();
            if (copy.path(CUSTOM_METADATA).isObject()) {
                copy.remove(CUSTOM_METADATA);
            }
            return copy;
        }
    }

    @Override
    public PushOutcome push(PushRequest request) {
        PushRemoteRef remote = request.remote();
        String key = remote.remoteKey();
        Held held = read(key);
        if (held.exists() && !held.managed() && !request.replaceUnmanaged()) {
            throw ProviderException.invalidConfig("secret \"" + paths.data(key)
                    + "\" exists in Vault and is not managed by external-secrets");
        }
        ObjectNode next;
        if (remote.hasProperty()) {
            next = held.exists() ? held.value() : JSON.createObjectNode();
            next.put(remote.property(), new String(request.value(), StandardCharsets.UTF_8));
        } else {
            next = object(request.value(), key);
        }
        if (held.exists() && held.value().equals(next)) {
            return PushOutcome.UNCHANGED;
        }
        if (!paths.v2()) {
            if (!held.exists() || held.managed()) {
                next.set(CUSTOM_METADATA, marker(null));
            }
            logical.request("POST", paths.data(key), next, null);
        } else if (held.exists()) {
            writeVersion(key, next, held.version());
        } else {
            create(key, next, held);
        }
        return held.exists() ? PushOutcome.UPDATED : PushOutcome.CREATED;
    }

    /**
     * KV v2: the marker first, then the first version. When the version cannot be written the
     * custom metadata is put back as it was; never by deleting the metadata, which would take a
     * concurrent writer's versions with it.
     */
    private void create(String key, ObjectNode data, Held held) {
        JsonNode before = held.metadata() == null ? null : held.metadata().path(CUSTOM_METADATA);
        logical.request("POST", paths.metadata(key), JSON.createObjectNode().set(CUSTOM_METADATA, marker(before)), null);
        try {
            writeVersion(key, data, held.version());
        } catch (RuntimeException e) {
            try {
                ObjectNode restore = JSON.createObjectNode();
                restore.set(CUSTOM_METADATA, before != null && before.isObject() ? before : JSON.createObjectNode());
                logical.request("POST", paths.metadata(key), restore, null);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    private void writeVersion(String key, ObjectNode data, long version) {
        ObjectNode body = JSON.createObjectNode();
        body.set("data", data);
        body.putObject("options").put("cas", version);
        try {
            logical.request("POST", paths.data(key), body, null);
        } catch (ProviderException e) {
            if (e.kind() != ProviderException.Kind.INVALID_CONFIG || !e.getMessage().contains("HTTP 400")) {
                throw e;
            }
            // With a well-formed body, a 400 here is the check-and-set: someone wrote in between.
            throw ProviderException.unavailable("secret \"" + paths.data(key) + "\" changed in Vault since version " + version
                    + " was read (check-and-set refused the write); the push is retried", e);
        }
    }

    @Override
    public boolean delete(PushRemoteRef remote) {
        String key = remote.remoteKey();
        Held held = read(key);
        if (!held.exists() || !held.managed()) {
            return false;
        }
        if (remote.hasProperty()) {
            ObjectNode rest = held.value();
            if (!rest.has(remote.property())) {
                return false;
            }
            rest.remove(remote.property());
            if (!rest.isEmpty()) {
                if (paths.v2()) {
                    writeVersion(key, rest, held.version());
                } else {
                    rest.set(CUSTOM_METADATA, held.data().get(CUSTOM_METADATA));
                    logical.request("POST", paths.data(key), rest, null);
                }
                return true;
            }
        }
        logical.request("DELETE", paths.v2() ? paths.metadata(key) : paths.data(key), null, null);
        return true;
    }

    @Override
    public boolean exists(PushRemoteRef remote) {
        Held held = read(remote.remoteKey());
        return held.exists() && (!remote.hasProperty() || held.value().has(remote.property()));
    }

    private Held read(String key) {
        JsonNode metadata = null;
        long version = 0;
        if (paths.v2()) {
            metadata = kv.metadataRecord(key);
            if (metadata == null) {
                return new Held(null, false, null, 0);
            }
            version = metadata.path("current_version").asLong(0);
        }
        ObjectNode data = null;
        if (!paths.v2() || version > 0) {
            try {
                JsonNode d = kv.data(key, null);
                data = d.isObject() ? (ObjectNode) d : null;
            } catch (ProviderException e) {
                if (e.kind() != ProviderException.Kind.NOT_FOUND) {
                    throw e; // NOT_FOUND: none, or the current version is deleted: there is nothing to own
                }
            }
        }
        JsonNode marks = paths.v2() ? (metadata == null ? null : metadata.path(CUSTOM_METADATA))
                : (data == null ? null : data.path(CUSTOM_METADATA));
        boolean managed = marks != null && MANAGED_BY_VALUE.equals(marks.path(MANAGED_BY_KEY).asText(null));
        return new Held(data, managed, metadata, version);
    }

    /** {@code existing} custom metadata (may be null) with the managed-by marker. */
    private static ObjectNode marker(JsonNode existing) {
        ObjectNode out = existing != null && existing.isObject() ? existing.deepCopy() : JSON.createObjectNode();
        out.put(MANAGED_BY_KEY, MANAGED_BY_VALUE);
        return out;
    }

    private ObjectNode object(byte[] value, String key) {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw ProviderException.invalidConfig("a push to Vault secret \"" + paths.data(key) + "\" without remoteRef.property"
                    + " needs a JSON object value (a whole Secret, or a key holding JSON); set remoteRef.property to push one value");
        }
        return (ObjectNode) node;
    }
}
