package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.DecodingStrategy;
import dev.coffer.gocompat.GoBase64;

import java.nio.charset.StandardCharsets;

/**
 * Decodes fetched values per {@code decodingStrategy}, by Go's rules as upstream
 * ({@link GoBase64}: padding required, the whole value must be valid, only \r and \n are
 * skipped). {@code Auto} tries standard then URL base64 and keeps the value as it is when neither
 * fits (so {@code foo} stays {@code foo}); an explicit strategy that does not fit is an error that
 * names the key, never the value.
 */
final class ValueDecoding {

    private ValueDecoding() {
    }

    static byte[] decode(byte[] value, DecodingStrategy strategy, String key) {
        if (strategy == null || strategy == DecodingStrategy.None) {
            return value;
        }
        // One char per byte: any non-ASCII byte is outside the alphabet and fails as in Go.
        String text = new String(value, StandardCharsets.ISO_8859_1);
        return switch (strategy) {
            case Base64 -> decodeOrFail(text, false, key, "Base64");
            case Base64URL -> decodeOrFail(text, true, key, "Base64URL");
            case Auto -> {
                if (GoBase64.isStd(text)) {
                    yield GoBase64.decodeStd(text);
                }
                yield GoBase64.isUrl(text) ? GoBase64.decodeUrl(text) : value;
            }
            default -> value;
        };
    }

    private static byte[] decodeOrFail(String text, boolean url, String key, String name) {
        try {
            return url ? GoBase64.decodeUrl(text) : GoBase64.decodeStd(text);
        } catch (GoBase64.InvalidBase64Exception e) {
            throw new InvalidSpecException("value of key \"" + key + "\" is not valid " + name
                    + " (decodingStrategy " + name + "): " + e.getMessage());
        }
    }
}
