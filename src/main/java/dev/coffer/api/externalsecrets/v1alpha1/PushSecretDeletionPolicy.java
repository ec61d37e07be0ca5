package dev.coffer.api.externalsecrets.v1alpha1;

/** Whether what was pushed is deleted when the PushSecret (or one of its entries or stores) goes. */
public enum PushSecretDeletionPolicy {
    Delete,
    None
}
