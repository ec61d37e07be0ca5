package dev.coffer.api.externalsecrets.v1;

/** What a merge rewrite does when two sources set one key. */
public enum MergeConflictPolicy {
    Ignore,
    Error
}
