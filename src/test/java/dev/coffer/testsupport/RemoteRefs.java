package dev.coffer.testsupport;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;

import java.nio.charset.StandardCharsets;

/** remoteRefs as provider tests write them, and values read back as text. */
public final class RemoteRefs {

    private RemoteRefs() {
    }

    public static ExternalSecretDataRemoteRef ref(String key) {
        return ref(key, null, null);
    }

    public static ExternalSecretDataRemoteRef ref(String key, String property, String version) {
        ExternalSecretDataRemoteRef r = new ExternalSecretDataRemoteRef();
        r.key = key;
        r.property = property;
        r.version = version;
        return r;
    }

    public static String utf8(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
