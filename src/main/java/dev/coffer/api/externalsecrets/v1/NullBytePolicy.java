package dev.coffer.api.externalsecrets.v1;

/** What to do with values that contain NUL bytes. */
public enum NullBytePolicy {
    Ignore,
    Fail
}
