package dev.coffer.audit;

import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.SecretsPusher;

import java.util.function.Supplier;

/**
 * A store's write side as one PushSecret uses it, with each push ({@code PROVIDER_PUSH}) and each
 * remote delete ({@code PROVIDER_DELETE}) recorded in the audit trail: the store, the remote key
 * and property, for whom, and the outcome. The pushed value passes through unseen: a request's
 * value is never read here. {@link #exists} is a check, not a change, and is not recorded.
 */
public final class AuditedSecretsPusher implements SecretsPusher {

    private final SecretsPusher pusher;
    private final AuditTrail trail;
    private final AuditedSecretsClient.Subject subject;

    private AuditedSecretsPusher(SecretsPusher pusher, AuditTrail trail, AuditedSecretsClient.Subject subject) {
        this.pusher = pusher;
        this.trail = trail;
        this.subject = subject;
    }

    /** {@code pusher} with its writes recorded for {@code subject}; {@code pusher} itself when the trail is off. */
    public static SecretsPusher of(SecretsPusher pusher, AuditTrail trail, AuditedSecretsClient.Subject subject) {
        return trail.enabled() ? new AuditedSecretsPusher(pusher, trail, subject) : pusher;
    }

    @Override
    public PushOutcome push(PushRequest request) {
        return recorded(AuditRecord.Action.PROVIDER_PUSH, request.remote(), () -> pusher.push(request));
    }

    @Override
    public boolean delete(PushRemoteRef remote) {
        return recorded(AuditRecord.Action.PROVIDER_DELETE, remote, () -> pusher.delete(remote));
    }

    @Override
    public boolean exists(PushRemoteRef remote) {
        return pusher.exists(remote);
    }

    private <T> T recorded(AuditRecord.Action action, PushRemoteRef remote, Supplier<T> write) {
        return AuditTrail.withOutcome(write, outcome -> record(action, remote, outcome));
    }

    private void record(AuditRecord.Action action, PushRemoteRef remote, String outcome) {
        trail.record(new AuditRecord(trail.clock().instant(), action, subject.namespace(), subject.kind(), subject.name(),
                subject.store(), remote.remoteKey(), remote.property(), null, null, outcome));
    }
}
