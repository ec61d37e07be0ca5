package dev.coffer.api.generators.v1alpha1;

/** How a generated password is encoded. */
public enum PasswordEncoding {
    base64,
    base64url,
    base32,
    hex,
    raw
}
