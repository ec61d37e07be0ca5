package dev.coffer.api.externalsecrets.v1;

/** How a merge rewrite combines values. */
public enum MergeStrategy {
    Extract,
    JSON
}
