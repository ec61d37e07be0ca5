package dev.coffer.audit;

import java.time.Instant;

/**
 * One line of the audit trail. It names things (resources, stores, remote keys, versions) and
 * outcomes, never a value: no field can hold secret data, and {@code outcome} carries a failure's
 * kind, not its message.
 *
 * @param time     when it happened
 * @param action   what happened ({@link Action})
 * @param namespace the namespace of the resource that caused it
 * @param kind     that resource's kind (ExternalSecret, PushSecret, SealedSecret, Pod)
 * @param name     that resource's name
 * @param store    the store, as {@code Kind/name}, for provider reads and pushes; else null
 * @param remoteKey the remote key (or the find criteria) for provider reads and pushes; else null
 * @param property the member of the remote value a push wrote or a remote delete removed; else null
 * @param version  the remote version asked for, when one was
 * @param secret   the Kubernetes Secret written, deleted or unsealed into, or the file injected; else null
 * @param outcome  {@code success}, or {@code failure} with the failure's kind
 */
public record AuditRecord(Instant time, Action action, String namespace, String kind, String name, String store,
                          String remoteKey, String property, String version, String secret, String outcome) {

    public static final String SUCCESS = "success";

    /** What an audit record is about. */
    public enum Action {
        PROVIDER_READ, PROVIDER_PUSH, PROVIDER_DELETE, SECRET_CREATE, SECRET_UPDATE, SECRET_DELETE, UNSEAL,
        /** A file served to a pod's agent ({@code coffer.dev/inject}); {@code secret} holds the file's name. */
        INJECT
    }

    /** The outcome of a failed operation: its kind (an exception's class), never its message. */
    public static String failure(Throwable e) {
        return "failure: " + e.getClass().getSimpleName();
    }
}
