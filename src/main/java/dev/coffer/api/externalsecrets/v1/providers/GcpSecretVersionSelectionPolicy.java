package dev.coffer.api.externalsecrets.v1.providers;

/** What a gcpsm store reads when no version is named and {@code latest} is disabled or destroyed. */
public enum GcpSecretVersionSelectionPolicy {
    /** Always {@code latest}; fail if it cannot be read. */
    LatestOrFail,
    /** Fall back to the newest ENABLED version. */
    LatestOrFetch
}
