package dev.coffer.api.externalsecrets.v1.providers;

/** Which automatic STS session tags are added when assuming roles. */
public enum AwsSessionTagsPolicy {
    /** No automatic tags. */
    None,
    /** esoNamespace, esoStoreName and esoStoreKind. */
    Simple,
    /** The Simple tags plus customSessionTags. */
    Custom
}
