package dev.coffer.gocompat;

import java.util.Base64;

/**
 * Base64 decoding by the rules of Go's {@code encoding/base64} {@code StdEncoding} and
 * {@code URLEncoding}, which ESO and Sealed Secrets use: {@code \r} and {@code \n} anywhere are
 * ignored (so a value wrapped at 76 columns decodes), padding is required, and the whole input
 * must be valid. Java's basic decoder differs on both counts (it rejects newlines and accepts
 * missing padding), so every place that must agree with upstream decodes through here.
 *
 * <p>Errors never quote the input: it may be a secret.
 */
public final class GoBase64 {

    /** The input is not valid base64 under Go's rules; the message names only the position. */
    public static final class InvalidBase64Exception extends IllegalArgumentException {
        public InvalidBase64Exception(String message) {
            super(message);
        }
    }

    private GoBase64() {
    }

    /** Go's {@code base64.StdEncoding.DecodeString}. */
    public static byte[] decodeStd(String text) {
        return decode(text, Base64.getDecoder(), false);
    }

    /** Go's {@code base64.URLEncoding.DecodeString}. */
    public static byte[] decodeUrl(String text) {
        return decode(text, Base64.getUrlDecoder(), true);
    }

    /** Whether {@link #decodeStd} would accept the text. */
    public static boolean isStd(String text) {
        try {
            decodeStd(text);
            return true;
        } catch (InvalidBase64Exception e) {
            return false;
        }
    }

    /** Whether {@link #decodeUrl} would accept the text. */
    public static boolean isUrl(String text) {
        try {
            decodeUrl(text);
            return true;
        } catch (InvalidBase64Exception e) {
            return false;
        }
    }

    private static byte[] decode(String text, Base64.Decoder decoder, boolean url) {
        if (text == null || text.isEmpty()) {
            return new byte[0];
        }
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (url ? c == '-' || c == '_' : c == '+' || c == '/');
            if (!alphabet && c != '=') {
                throw new InvalidBase64Exception("illegal base64 data at input byte " + i);
            }
            clean.append(c);
        }
        if (clean.length() % 4 != 0) {
            throw new InvalidBase64Exception("illegal base64 data at input byte " + text.length()
                    + " (length is not a multiple of 4: padding is required)");
        }
        int firstPad = clean.indexOf("=");
        if (firstPad >= 0 && (firstPad < clean.length() - 2
                || (firstPad == clean.length() - 2 && clean.charAt(clean.length() - 1) != '='))) {
            throw new InvalidBase64Exception("illegal base64 data at input byte " + firstPad + " (misplaced padding)");
        }
        try {
            return decoder.decode(clean.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidBase64Exception("illegal base64 data");
        }
    }
}
