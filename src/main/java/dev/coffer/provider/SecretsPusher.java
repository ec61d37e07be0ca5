package dev.coffer.provider;

/**
 * The write side of a provider, used by PushSecret and ClusterPushSecret. A client that can push
 * returns one from {@link SecretsClient#pusher()}; the default there is empty, which is what the
 * store's {@code status.capabilities} reports as {@code ReadOnly}. Implementations are usually the
 * client itself ({@code class XSecretsClient implements SecretsClient, SecretsPusher}, with
 * {@code pusher()} returning {@code Optional.of(this)}), so they share its connection and login.
 * Like the client they are thread-safe, and every method throws {@link ProviderException} with a
 * message safe to show a user (keys and paths, never values).
 *
 * <h2>The contract every provider keeps</h2>
 * <ul>
 *   <li><b>The marker.</b> A remote secret {@link #push} creates carries the provider's managed-by
 *   marker, the one ESO uses, so that ESO and Coffer recognise each other's pushes:
 *   {@value #MANAGED_BY_KEY}{@code : }{@value #MANAGED_BY_VALUE} as a tag (AWS Secrets Manager and
 *   Parameter Store), custom metadata (Vault KV v2), a label (Kubernetes, GCP) or a tag (Azure).
 *   Backends with nowhere to put a marker (Vault KV v1, the fake provider) say so in their class
 *   javadoc and keep their own record of what they created, or treat every secret as unmanaged.</li>
 *   <li><b>Never someone else's.</b> An existing remote secret without the marker is not
 *   overwritten unless {@link PushRequest#replaceUnmanaged()} ({@code updatePolicy: Replace}) says
 *   so; then it is overwritten but stays unmarked. Otherwise push throws INVALID_CONFIG
 *   ({@code secret "x" exists and is not managed by external-secrets}). {@link #delete} never
 *   deletes an unmarked remote secret, whatever the update policy.</li>
 *   <li><b>Write only on change.</b> {@link #push} reads what the provider holds first and writes
 *   only when the value (or the property inside the value) differs, returning
 *   {@link PushOutcome#UNCHANGED} otherwise, so a refresh adds no version. Metadata the request
 *   asks for that the remote lacks (tags, labels) counts as a change.</li>
 *   <li><b>A failed push leaves the remote as it was.</b> Nothing is written before every check
 *   (ownership, metadata shape, property merge) has passed; where a provider needs two calls
 *   (create then tag, write then metadata) the value write is the last one, or the first is
 *   undone when the second fails. With a property, the other members of the remote value are
 *   kept (read, merge, write; Vault KV v2 uses check-and-set so a concurrent writer is not
 *   lost).</li>
 *   <li><b>Delete</b> removes what {@link #push} wrote for the same ref: with a property only that
 *   member (the remote secret goes when it was the last member), else the remote secret. A
 *   remote secret that is already gone is success.</li>
 * </ul>
 */
public interface SecretsPusher {

    /** ESO's ownership marker key (tag, label, custom metadata). */
    String MANAGED_BY_KEY = "managed-by";
    /** ESO's ownership marker value; Coffer writes ESO's so that either operator can take over. */
    String MANAGED_BY_VALUE = "external-secrets";

    /** Creates or updates the remote secret (or one property of it); see the class contract. */
    PushOutcome push(PushRequest request);

    /**
     * Removes what a push to {@code remote} wrote. Returns true when something was removed, false
     * when there was nothing (already gone) or the remote secret is not marked as managed (left
     * alone, as the contract says).
     */
    boolean delete(PushRemoteRef remote);

    /**
     * Whether the remote secret exists (with a property: whether that member exists in it), managed
     * or not. {@code updatePolicy: IfNotExists} pushes only when this is false.
     */
    boolean exists(PushRemoteRef remote);
}
