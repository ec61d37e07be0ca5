package dev.coffer.api.externalsecrets.v1;

/** How remote values are decoded before they are stored. */
public enum DecodingStrategy {
    Auto,
    Base64,
    Base64URL,
    None
}
