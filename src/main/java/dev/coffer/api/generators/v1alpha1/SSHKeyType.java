package dev.coffer.api.generators.v1alpha1;

/** The key algorithms of the SSHKey generator. */
public enum SSHKeyType {
    rsa,
    ecdsa,
    ed25519
}
