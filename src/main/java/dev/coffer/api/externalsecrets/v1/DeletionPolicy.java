package dev.coffer.api.externalsecrets.v1;

/** What happens to the target Secret when the provider returns no data. */
public enum DeletionPolicy {
    Delete,
    Merge,
    Retain
}
