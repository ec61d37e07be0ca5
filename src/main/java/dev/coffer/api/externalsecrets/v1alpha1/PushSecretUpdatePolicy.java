package dev.coffer.api.externalsecrets.v1alpha1;

/** Whether a push replaces an existing remote secret or only creates missing ones. */
public enum PushSecretUpdatePolicy {
    Replace,
    IfNotExists
}
