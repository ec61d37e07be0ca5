package dev.coffer.provider;

/** What {@link SecretsPusher#push} did at the provider. */
public enum PushOutcome {
    /** The remote secret did not exist and was created, carrying the managed-by marker. */
    CREATED,
    /** The remote secret (or its property) held another value, which was replaced. */
    UPDATED,
    /** The provider already held exactly this value: nothing was written (no new version). */
    UNCHANGED
}
