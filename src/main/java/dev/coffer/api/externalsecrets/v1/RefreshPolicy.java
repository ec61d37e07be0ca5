package dev.coffer.api.externalsecrets.v1;

/** When an ExternalSecret is synced again. */
public enum RefreshPolicy {
    CreatedOnce,
    Periodic,
    OnChange
}
