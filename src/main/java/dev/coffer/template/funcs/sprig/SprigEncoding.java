package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.value.GoValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.Adler32;
import org.bouncycastle.util.encoders.Base32;

/**
 * Encodings and digests: b64enc/b64dec, b32enc/b32dec (standard alphabets with padding), and
 * sha1sum, sha256sum, sha512sum (hex), adler32sum (decimal), and ESO's hexdec (ESO #6422, in its
 * copy of sprig: hex text to raw bytes, e.g. {@code sha256sum | hexdec | b64enc}). Decoders return
 * Go's error text as their result on bad input, as sprig does; the base64/base32 texts name a byte
 * offset, and hexdec's names the one offending character as Go's does, never the input.
 */
public final class SprigEncoding {
    private SprigEncoding() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("b64enc", a -> Base64.getEncoder().encodeToString(GoValues.bytes(a[0])), STRING);
        r.add("b64dec", a -> b64dec(GoValues.str(a[0])), STRING);
        r.add("hexdec", a -> hexdec(GoValues.bytes(a[0])), STRING);
        r.add("b32enc", a -> Base32.toBase32String(GoValues.bytes(a[0])), STRING);
        r.add("b32dec", a -> b32dec(GoValues.str(a[0])), STRING);
        r.add("sha1sum", a -> digest("SHA-1", GoValues.bytes(a[0])), STRING);
        r.add("sha256sum", a -> digest("SHA-256", GoValues.bytes(a[0])), STRING);
        r.add("sha512sum", a -> digest("SHA-512", GoValues.bytes(a[0])), STRING);
        r.add("adler32sum", a -> {
            Adler32 adler = new Adler32();
            adler.update(GoValues.bytes(a[0]));
            return Long.toString(adler.getValue());
        }, STRING);
    }

    static String digest(String algorithm, byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    /**
     * Go's StdEncoding.DecodeString: \r and \n are skipped anywhere, padding is required, and a
     * failure is reported at the byte offset Go's decodeQuantum reports.
     */
    static Object b64dec(String s) {
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        int bad = b64ErrorOffset(src);
        if (bad >= 0) {
            return "illegal base64 data at input byte " + bad;
        }
        return GoValues.stringFromBytes(Base64.getMimeDecoder().decode(src));
    }

    /** The offset of Go's CorruptInputError for {@code src}, or -1 when it decodes. */
    private static int b64ErrorOffset(byte[] src) {
        int si = 0;
        while (true) {
            int j = 0;
            for (; j < 4; j++) {
                if (si == src.length) {
                    if (j == 0) {
                        return -1;
                    }
                    return si - j;
                }
                byte in = src[si++];
                if (isB64(in)) {
                    continue;
                }
                if (in == '\n' || in == '\r') {
                    j--;
                    continue;
                }
                if (in != '=' || j < 2) {
                    return si - 1;
                }
                if (j == 2) {
                    si = skipNewlines(src, si);
                    if (si == src.length) {
                        return src.length;
                    }
                    if (src[si] != '=') {
                        return si - 1;
                    }
                    si++;
                }
                si = skipNewlines(src, si);
                return si < src.length ? si : -1;
            }
        }
    }

    private static boolean isB64(byte c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static int skipNewlines(byte[] src, int si) {
        while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
            si++;
        }
        return si;
    }

    /** Go's hex.DecodeString: pairs of hex digits (either case); a bad digit is reported before an odd length. */
    static Object hexdec(byte[] src) {
        byte[] out = new byte[src.length / 2];
        int j = 1;
        for (; j < src.length; j += 2) {
            if (!isHexDigit(src[j - 1])) {
                return invalidHexByte(src[j - 1]);
            }
            if (!isHexDigit(src[j])) {
                return invalidHexByte(src[j]);
            }
            out[j / 2] = (byte) (Character.digit(src[j - 1], 16) << 4 | Character.digit(src[j], 16));
        }
        if (src.length % 2 == 1) {
            if (!isHexDigit(src[j - 1])) {
                return invalidHexByte(src[j - 1]);
            }
            return "encoding/hex: odd length hex string";
        }
        return GoValues.stringFromBytes(out);
    }

    private static boolean isHexDigit(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    /** hex.InvalidByteError: {@code %#U} of the byte as a rune, with the character when it is printable. */
    private static String invalidHexByte(byte b) {
        int rune = b & 0xff;
        String text = String.format("encoding/hex: invalid byte: U+%04X", rune);
        boolean printable = (rune >= 0x20 && rune < 0x7f) || (rune > 0xa0 && rune != 0xad); // strconv.IsPrint
        return printable ? text + " '" + (char) rune + "'" : text;
    }

    static Object b32dec(String s) {
        String clean = s.replace("\r", "").replace("\n", "");
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7') || c == '=')) {
                return "illegal base32 data at input byte " + i;
            }
        }
        if (clean.length() % 8 != 0) {
            return "illegal base32 data at input byte " + (clean.length() / 8 * 8);
        }
        try {
            return GoValues.stringFromBytes(Base32.decode(clean));
        } catch (RuntimeException e) {
            return "illegal base32 data at input byte 0";
        }
    }
}
