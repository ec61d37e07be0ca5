package dev.coffer.generator;

import dev.coffer.api.generators.v1alpha1.PasswordEncoding;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** The output encodings of the Password generator (padded, as Go's standard encoders). */
final class PasswordEncodings {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private PasswordEncodings() {
    }

    static byte[] encode(String password, PasswordEncoding encoding) {
        byte[] raw = password.getBytes(StandardCharsets.UTF_8);
        String text = switch (encoding) {
            case raw -> password;
            case base64 -> Base64.getEncoder().encodeToString(raw);
            case base64url -> Base64.getUrlEncoder().encodeToString(raw);
            case base32 -> base32(raw);
            case hex -> HexFormat.of().formatHex(raw);
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 4648 base32 with padding. */
    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length + 4) / 5 * 8);
        for (int i = 0; i < data.length; i += 5) {
            long block = 0;
            int n = Math.min(5, data.length - i);
            for (int j = 0; j < 5; j++) {
                block = (block << 8) | (j < n ? data[i + j] & 0xff : 0);
            }
            int chars = (n * 8 + 4) / 5;
            for (int j = 0; j < 8; j++) {
                out.append(j < chars ? BASE32[(int) (block >>> (35 - 5 * j)) & 31] : '=');
            }
        }
        return out.toString();
    }
}
