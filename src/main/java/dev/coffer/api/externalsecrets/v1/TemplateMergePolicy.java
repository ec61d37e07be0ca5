package dev.coffer.api.externalsecrets.v1;

/** How templated data combines with provider data. */
public enum TemplateMergePolicy {
    Replace,
    Merge
}
