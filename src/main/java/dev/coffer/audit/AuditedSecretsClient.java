package dev.coffer.audit;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.SecretStoreRef;
import dev.coffer.api.externalsecrets.v1.StoreKind;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SecretsPusher;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A store's client as one resource uses it, with each read recorded in the audit trail: which
 * remote key (or find), which version, for whom, and the outcome. It records names only; the
 * values pass through untouched and unseen. Writes ({@link #pusher()}) and the life cycle
 * ({@link #close()}, shared with other resources) are the wrapped client's.
 */
public final class AuditedSecretsClient implements SecretsClient {

    private final SecretsClient client;
    private final AuditTrail trail;
    private final Subject subject;

    /** Who reads, and from which store ({@code Kind/name}). */
    public record Subject(String namespace, String kind, String name, String store) {

        /** ExternalSecret {@code namespace/name} reading the store {@code ref} names. */
        public static Subject externalSecret(String namespace, String name, SecretStoreRef ref) {
            StoreKind kind = ref.kind == null ? StoreKind.SecretStore : ref.kind;
            return new Subject(namespace, "ExternalSecret", name, kind + "/" + ref.name);
        }

        /** PushSecret {@code namespace/name} writing to the store {@code store} ({@code Kind/name}). */
        public static Subject pushSecret(String namespace, String name, String store) {
            return new Subject(namespace, "PushSecret", name, store);
        }
    }

    private AuditedSecretsClient(SecretsClient client, AuditTrail trail, Subject subject) {
        this.client = client;
        this.trail = trail;
        this.subject = subject;
    }

    /** {@code client} with its reads recorded for {@code subject}; {@code client} itself when the trail is off. */
    public static SecretsClient of(SecretsClient client, AuditTrail trail, Subject subject) {
        return trail.enabled() ? new AuditedSecretsClient(client, trail, subject) : client;
    }

    @Override
    public String providerName() {
        return client.providerName();
    }

    @Override
    public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
        return recorded(ref.key, ref.version, () -> client.getSecret(ref));
    }

    @Override
    public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
        return recorded(ref.key, ref.version, () -> client.getSecretMap(ref));
    }

    @Override
    public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
        return recorded(describe(find), null, () -> client.getAllSecrets(find));
    }

    @Override
    public void validate() {
        client.validate();
    }

    @Override
    public boolean propertiesFromWholeValue() {
        return client.propertiesFromWholeValue();
    }

    /** The wrapped client's: reads stay shared across the resources that use one store client. */
    @Override
    public SecretsClient backend() {
        return client.backend();
    }

    @Override
    public Optional<SecretsPusher> pusher() {
        return client.pusher();
    }

    private <T> T recorded(String remoteKey, String version, Supplier<T> read) {
        return AuditTrail.withOutcome(read, outcome -> record(remoteKey, version, outcome));
    }

    private void record(String remoteKey, String version, String outcome) {
        trail.record(new AuditRecord(trail.clock().instant(), AuditRecord.Action.PROVIDER_READ, subject.namespace(),
                subject.kind(), subject.name(), subject.store(), remoteKey, null, version, null, outcome));
    }

    /** A find as the audit shows it: its criteria, e.g. {@code find(path=db/, name=^app-)}. */
    private static String describe(ExternalSecretFind find) {
        StringBuilder sb = new StringBuilder("find(");
        if (find.path != null) {
            sb.append("path=").append(find.path);
        }
        if (find.name != null && find.name.regexp != null) {
            sb.append(sb.length() > 5 ? ", " : "").append("name=").append(find.name.regexp);
        }
        if (find.tags != null && !find.tags.isEmpty()) {
            sb.append(sb.length() > 5 ? ", " : "").append("tags=").append(find.tags.keySet());
        }
        return sb.append(')').toString();
    }
}
