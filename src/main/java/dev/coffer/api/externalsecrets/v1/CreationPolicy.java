package dev.coffer.api.externalsecrets.v1;

/** How the target Secret is created and owned. */
public enum CreationPolicy {
    Owner,
    Orphan,
    Merge,
    None,
    CreateOrMerge
}
