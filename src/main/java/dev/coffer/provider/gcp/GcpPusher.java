package dev.coffer.provider.gcp;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.CustomerManagedEncryption;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.Topic;
import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.PushedJson;
import dev.coffer.provider.SecretsPusher;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * PushSecret for gcpsm, as upstream: a new secret carries the {@code managed-by:
 * external-secrets} label with the metadata's labels, annotations, topics and replication (user
 * managed in {@code replicationLocations}, else automatic; {@code cmekKeyName} on each); an
 * existing one without the label is left alone (unless updatePolicy Replace). Labels and
 * annotations are updated when they differ (merged with the secret's under mergePolicy Merge), and
 * a version is added only when the value differs from the latest one.
 */
final class GcpPusher implements SecretsPusher {

    private final SecretNames names;
    private final SecretManagerServiceClient sm;
    private final GcpSecretsClient calls;

    GcpPusher(SecretNames names, SecretManagerServiceClient sm, GcpSecretsClient calls) {
        this.names = names;
        this.sm = sm;
        this.calls = calls;
    }

    @Override
    public PushOutcome push(PushRequest request) {
        PushRemoteRef remote = request.remote();
        String key = remote.remoteKey();
        GcpPushMetadata meta = GcpPushMetadata.of(remote.metadata(), key);
        Optional<Secret> current = getSecret(key);
        if (current.isEmpty()) {
            byte[] value = remote.hasProperty() ? PushedJson.withProperty(null, remote.property(), request.value(), key)
                    : request.value();
            call("CreateSecret", key, () -> sm.createSecret(names.parent(), key, newSecret(meta)));
            try {
                addVersion(key, value);
            } catch (RuntimeException e) {
                // A failed push leaves the remote as it was: the secret just created goes again.
                call("DeleteSecret", key, () -> {
                    sm.deleteSecret(names.secret(key));
                    return null;
                });
                throw e;
            }
            return PushOutcome.CREATED;
        }
        boolean marked = isManaged(current.get());
        if (!marked && !request.replaceUnmanaged()) {
            throw ProviderException.invalidConfig("secret \"" + key + "\" exists and is not managed by external-secrets");
        }
        byte[] latest = latest(key);
        byte[] value = remote.hasProperty() ? PushedJson.withProperty(latest, remote.property(), request.value(), key)
                : request.value();
        Map<String, String> labels = desired(current.get().getLabelsMap(), meta.labels(), meta.merge());
        if (marked) {
            labels.put(MANAGED_BY_KEY, MANAGED_BY_VALUE);
        }
        Map<String, String> annotations = desired(current.get().getAnnotationsMap(), meta.annotations(), meta.merge());
        boolean metadataChanged = !labels.equals(current.get().getLabelsMap())
                || !annotations.equals(current.get().getAnnotationsMap());
        boolean valueChanged = latest == null || !Arrays.equals(latest, value);
        if (metadataChanged) {
            Secret update = Secret.newBuilder().setName(names.secret(key)).putAllLabels(labels).putAllAnnotations(annotations).build();
            call("UpdateSecret", key, () -> sm.updateSecret(update,
                    FieldMask.newBuilder().addPaths("labels").addPaths("annotations").build()));
        }
        if (valueChanged) {
            addVersion(key, value);
        }
        return metadataChanged || valueChanged ? PushOutcome.UPDATED : PushOutcome.UNCHANGED;
    }

    @Override
    public boolean delete(PushRemoteRef remote) {
        String key = remote.remoteKey();
        Optional<Secret> current = getSecret(key);
        if (current.isEmpty() || !isManaged(current.get())) {
            return false;
        }
        if (remote.hasProperty()) {
            byte[] latest = latest(key);
            if (latest == null || !PushedJson.hasProperty(latest, remote.property())) {
                return false;
            }
            Optional<byte[]> rest = PushedJson.withoutProperty(latest, remote.property(), key);
            if (rest.isPresent()) {
                addVersion(key, rest.get());
                return true;
            }
        }
        call("DeleteSecret", key, () -> {
            sm.deleteSecret(names.secret(key));
            return null;
        });
        return true;
    }

    @Override
    public boolean exists(PushRemoteRef remote) {
        if (getSecret(remote.remoteKey()).isEmpty()) {
            return false;
        }
        if (!remote.hasProperty()) {
            return true;
        }
        byte[] latest = latest(remote.remoteKey());
        return latest != null && PushedJson.hasProperty(latest, remote.property());
    }

    private Secret newSecret(GcpPushMetadata meta) {
        Secret.Builder secret = Secret.newBuilder().putAllLabels(meta.labels()).putLabels(MANAGED_BY_KEY, MANAGED_BY_VALUE)
                .putAllAnnotations(meta.annotations());
        meta.topics().forEach(t -> secret.addTopics(Topic.newBuilder().setName(t)));
        CustomerManagedEncryption cmek = meta.cmekKeyName() == null ? null
                : CustomerManagedEncryption.newBuilder().setKmsKeyName(meta.cmekKeyName()).build();
        if (names.location() != null) {
            // Regional secrets live in their location; they take no replication, only a key.
            if (cmek != null) {
                secret.setCustomerManagedEncryption(cmek);
            }
        } else if (!meta.replicationLocations().isEmpty()) {
            Replication.UserManaged.Builder user = Replication.UserManaged.newBuilder();
            for (String location : meta.replicationLocations()) {
                Replication.UserManaged.Replica.Builder replica = Replication.UserManaged.Replica.newBuilder().setLocation(location);
                if (cmek != null) {
                    replica.setCustomerManagedEncryption(cmek);
                }
                user.addReplicas(replica);
            }
            secret.setReplication(Replication.newBuilder().setUserManaged(user));
        } else {
            Replication.Automatic.Builder automatic = Replication.Automatic.newBuilder();
            if (cmek != null) {
                automatic.setCustomerManagedEncryption(cmek);
            }
            secret.setReplication(Replication.newBuilder().setAutomatic(automatic));
        }
        return secret.build();
    }

    private static Map<String, String> desired(Map<String, String> current, Map<String, String> wanted, boolean merge) {
        Map<String, String> out = new TreeMap<>(merge ? current : Map.of());
        out.putAll(wanted);
        return out;
    }

    private static boolean isManaged(Secret secret) {
        return MANAGED_BY_VALUE.equals(secret.getLabelsMap().get(MANAGED_BY_KEY));
    }

    private void addVersion(String key, byte[] value) {
        call("AddSecretVersion", key, () -> sm.addSecretVersion(names.secret(key),
                SecretPayload.newBuilder().setData(ByteString.copyFrom(value)).build()));
    }

    private Optional<Secret> getSecret(String key) {
        try {
            return Optional.of(calls.call("GetSecret", () -> sm.getSecret(names.secret(key))));
        } catch (RuntimeException e) {
            if (GcpErrors.code(e) == StatusCode.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw GcpErrors.map(e, "GetSecret", "secret \"" + key + "\"");
        }
    }

    /** The latest version's value, or null when the secret has none. */
    private byte[] latest(String key) {
        try {
            return calls.call("AccessSecretVersion", () -> sm.accessSecretVersion(names.version(key, "latest")))
                    .getPayload().getData().toByteArray();
        } catch (RuntimeException e) {
            StatusCode.Code code = GcpErrors.code(e);
            if (code == StatusCode.Code.NOT_FOUND || code == StatusCode.Code.FAILED_PRECONDITION) {
                return null;
            }
            throw GcpErrors.map(e, "AccessSecretVersion", "secret \"" + key + "\"");
        }
    }

    private <T> T call(String operation, String key, Supplier<T> call) {
        try {
            return calls.call(operation, call);
        } catch (RuntimeException e) {
            throw GcpErrors.map(e, operation, "secret \"" + key + "\"");
        }
    }
}
