package dev.coffer.api.externalsecrets.v1;

/** Whether a remote reference reads the value or its metadata. */
public enum MetadataPolicy {
    None,
    Fetch
}
