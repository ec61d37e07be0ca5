package dev.coffer.provider.vault;

import dev.coffer.provider.ProviderException;

/**
 * Vault API paths for remote keys, as upstream builds them. With a mount ({@code path}) the key
 * is relative to it (a key that already starts with the mount, and for v2 with
 * {@code mount/data/}, is accepted too); without one, the first segment of the key is the mount.
 */
final class VaultPaths {

    private final String mount;
    private final boolean v2;

    VaultPaths(String mount, boolean v2) {
        this.mount = mount == null || mount.isEmpty() ? null : trimSlashes(mount);
        this.v2 = v2;
    }

    boolean v2() {
        return v2;
    }

    /** The path to read a secret's value. */
    String data(String key) {
        if (mount != null) {
            return mount + (v2 ? "/data/" : "/") + relative(key);
        }
        if (!v2 || key.contains("/data/")) {
            return key;
        }
        int slash = key.indexOf('/');
        return slash < 0 ? key + "/data" : key.substring(0, slash) + "/data" + key.substring(slash);
    }

    /** The path of a v2 secret's metadata (custom_metadata, versions). */
    String metadata(String key) {
        if (mount != null) {
            return mount + "/metadata/" + relative(key);
        }
        if (!key.contains("/data/")) {
            throw ProviderException.invalidConfig("key \"" + key + "\" is not a KV v2 path: without spec.provider.vault.path"
                    + " it must name the data path (mount/data/...) to read metadata");
        }
        return key.replaceFirst("/data/", "/metadata/");
    }

    /** The path to LIST the keys under {@code prefix} (relative to the mount, "" or ending in "/"). */
    String list(String prefix) {
        if (mount == null) {
            throw ProviderException.invalidConfig("dataFrom.find needs spec.provider.vault.path (the KV mount) to list secrets");
        }
        return mount + (v2 ? "/metadata/" : "/") + prefix;
    }

    private String relative(String key) {
        String cut = mount + "/";
        if (!key.startsWith(cut)) {
            return key;
        }
        String out = key.substring(cut.length());
        return v2 && out.startsWith("data/") ? out.substring("data/".length()) : out;
    }

    private static String trimSlashes(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == '/') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == '/') {
            e--;
        }
        return s.substring(b, e);
    }
}
