package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.DecodingStrategy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes fetched values per {@code decodingStrategy}. {@code Auto} tries standard then URL
 * base64 and keeps the raw value when neither fits; an explicit strategy that does not fit is
 * an error that names the key.
 */
final class ValueDecoding {

    private ValueDecoding() {
    }

    static byte[] decode(byte[] value, DecodingStrategy strategy, String key) {
        if (strategy == null || strategy == DecodingStrategy.None) {
            return value;
        }
        String text = new String(value, StandardCharsets.US_ASCII).trim();
        return switch (strategy) {
            case Base64 -> decodeOrFail(Base64.getDecoder(), text, key, "Base64");
            case Base64URL -> decodeOrFail(Base64.getUrlDecoder(), text, key, "Base64URL");
            case Auto -> {
                try {
                    yield Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException notStd) {
                    try {
                        yield Base64.getUrlDecoder().decode(text);
                    } catch (IllegalArgumentException notUrl) {
                        yield value;
                    }
                }
            }
            default -> value;
        };
    }

    private static byte[] decodeOrFail(Base64.Decoder decoder, String text, String key, String name) {
        try {
            return decoder.decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("value of key \"" + key + "\" is not valid " + name
                    + " (decodingStrategy " + name + ")");
        }
    }
}
