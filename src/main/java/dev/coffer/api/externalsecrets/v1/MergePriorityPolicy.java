package dev.coffer.api.externalsecrets.v1;

/** Whether merge priority keys must exist. */
public enum MergePriorityPolicy {
    IgnoreNotFound,
    Strict
}
