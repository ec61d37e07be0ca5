package dev.coffer.provider.azure;

import dev.coffer.provider.ProviderException;

/**
 * A remote key as upstream reads it: {@code secret/NAME} (or just {@code NAME}), {@code cert/NAME}
 * or {@code key/NAME}; the first two segments count, as upstream's split does.
 */
record VaultObjectName(Type type, String name) {

    enum Type { SECRET, CERT, KEY }

    static VaultObjectName parse(String key) {
        if (key == null || key.isEmpty()) {
            throw ProviderException.invalidConfig("remoteRef.key is required for an azurekv store");
        }
        String[] parts = key.split("/", -1);
        if (parts.length < 2) {
            return new VaultObjectName(Type.SECRET, key);
        }
        Type type = switch (parts[0]) {
            case "secret" -> Type.SECRET;
            case "cert" -> Type.CERT;
            case "key" -> Type.KEY;
            default -> throw ProviderException.invalidConfig("key \"" + key + "\": unknown Azure Key Vault object type \""
                    + parts[0] + "\" (use secret/, cert/ or key/)");
        };
        if (parts[1].isEmpty()) {
            throw ProviderException.invalidConfig("key \"" + key + "\" names no object after \"" + parts[0] + "/\"");
        }
        return new VaultObjectName(type, parts[1]);
    }

    /** How messages name the object: secret "db", certificate "tls", key "signing". */
    String kind() {
        return switch (type) {
            case SECRET -> "secret";
            case CERT -> "certificate";
            case KEY -> "key";
        };
    }
}
