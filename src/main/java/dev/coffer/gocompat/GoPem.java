package dev.coffer.gocompat;

import dev.coffer.gocompat.GoBase64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's encoding/pem: Decode (Go 1.25.2 and later: a block starts at the beginning of the input or of
 * a line, and ends at the end of a line; between blocks anything may stand) and Encode (64-column
 * base64 lines). Works on bytes, as Go does: a Java String is read as its UTF-8 bytes.
 */
public final class GoPem {
    private static final byte[] BEGIN = ascii("-----BEGIN ");
    private static final byte[] END = ascii("\n-----END ");
    private static final byte[] DASHES = ascii("-----");

    private GoPem() {
    }

    /** One PEM block: its type, headers and decoded bytes. */
    public record Block(String type, Map<String, String> headers, byte[] bytes) {
        public Block(String type, byte[] bytes) {
            this(type, Map.of(), bytes);
        }
    }

    /** Every block in the text (pem.Decode in a loop), and what followed the last one. */
    public record Decoded(List<Block> blocks, String rest) {
    }

    /** What one pem.Decode call gives: the block (null when none) and the rest of the input. */
    private record Step(Block block, byte[] rest) {
    }

    public static Decoded decodeAll(String text) {
        List<Block> blocks = new ArrayList<>();
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        while (true) {
            Step step = decode(data);
            data = step.rest();
            if (step.block() == null) {
                return new Decoded(blocks, new String(data, StandardCharsets.UTF_8));
            }
            blocks.add(step.block());
        }
    }

    /** The first block, or null (pem.Decode returning nil). */
    public static Block decodeFirst(String text) {
        return decode(text.getBytes(StandardCharsets.UTF_8)).block();
    }

    /**
     * pem.Decode: find the first END line, take the last BEGIN line before it (which must start the
     * input or a line), check the type line, headers, END trailer and base64; on any failure go on
     * after that END line.
     */
    private static Step decode(byte[] data) {
        int base = 0; // rest = data[base:]
        int endTrailerIndex = 0;
        while (true) {
            if (endTrailerIndex < 0 || endTrailerIndex > data.length - base) {
                return new Step(null, data);
            }
            base += endTrailerIndex;
            int endIndex = indexOf(data, base, data.length, END);
            if (endIndex < 0) {
                return new Step(null, data);
            }
            endIndex -= base;
            endTrailerIndex = endIndex + END.length;
            int beginIndex = lastIndexOf(data, base, base + endIndex, BEGIN);
            if (beginIndex < 0 || (beginIndex > base && data[beginIndex - 1] != '\n')) {
                continue;
            }
            beginIndex -= base;
            int skip = beginIndex + BEGIN.length;
            base += skip;
            endIndex -= skip;
            endTrailerIndex -= skip;

            Line typeLine = line(data, base);
            base += typeLine.consumed();
            endIndex -= typeLine.consumed();
            endTrailerIndex -= typeLine.consumed();
            if (!typeLine.text().endsWith("-----")) {
                continue;
            }
            String rawType = typeLine.text().substring(0, typeLine.text().length() - DASHES.length);
            Map<String, String> headers = new TreeMap<>();
            boolean truncated = false;
            while (true) {
                if (base == data.length) {
                    truncated = true;
                    break;
                }
                Line header = line(data, base);
                int colon = header.text().indexOf(':');
                if (colon < 0) {
                    break;
                }
                headers.put(utf8(header.text().substring(0, colon).strip()), utf8(header.text().substring(colon + 1).strip()));
                base += header.consumed();
                endIndex -= header.consumed();
                endTrailerIndex -= header.consumed();
            }
            if (truncated) {
                return new Step(null, data);
            }
            if (!headers.isEmpty() && endIndex < 0) {
                continue;
            }
            int trailerStart = base + endTrailerIndex;
            int trailerLen = rawType.length() + DASHES.length;
            if (data.length - trailerStart < trailerLen) {
                continue;
            }
            String trailer = new String(data, trailerStart, trailerLen, StandardCharsets.ISO_8859_1);
            if (!trailer.startsWith(rawType) || !trailer.endsWith("-----")) {
                continue;
            }
            if (!line(data, trailerStart + trailerLen).text().isEmpty()) {
                continue;
            }
            byte[] bytes = new byte[0];
            if (endIndex > 0) {
                String b64 = new String(data, base, endIndex, StandardCharsets.ISO_8859_1).replace(" ", "").replace("\t", "");
                try {
                    bytes = GoBase64.decodeStd(b64);
                } catch (IllegalArgumentException e) {
                    continue;
                }
            }
            int afterEnd = base + endIndex + END.length - 1;
            Line endLine = line(data, afterEnd);
            byte[] rest = Arrays.copyOfRange(data, afterEnd + endLine.consumed(), data.length);
            return new Step(new Block(utf8(rawType), headers, bytes), rest);
        }
    }

    /** getLine: the line from {@code from} without its newline, \r and trailing blanks, and the bytes it took. */
    private record Line(String text, int consumed) {
    }

    private static Line line(byte[] data, int from) {
        int i = indexOf(data, from, data.length, new byte[] {'\n'});
        int end;
        int consumed;
        if (i < 0) {
            end = data.length;
            consumed = data.length - from;
        } else {
            consumed = i + 1 - from;
            end = i > from && data[i - 1] == '\r' ? i - 1 : i;
        }
        while (end > from && (data[end - 1] == ' ' || data[end - 1] == '\t')) {
            end--;
        }
        return new Line(new String(data, from, end - from, StandardCharsets.ISO_8859_1), consumed);
    }

    private static int indexOf(byte[] data, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, int from, int to, byte[] needle) {
        outer:
        for (int i = to - needle.length; i >= from; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Lines are read as Latin-1 (one char per byte, so indices are Go's); names are UTF-8 text. */
    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** pem.Encode: Proc-Type header first, the others sorted, then the body in 64-character lines. */
    public static String encode(Block block) {
        StringBuilder sb = new StringBuilder("-----BEGIN ").append(block.type()).append("-----\n");
        if (!block.headers().isEmpty()) {
            String proc = block.headers().get("Proc-Type");
            if (proc != null) {
                sb.append("Proc-Type: ").append(proc).append('\n');
            }
            new TreeMap<>(block.headers()).forEach((k, v) -> {
                if (!k.equals("Proc-Type")) {
                    sb.append(k).append(": ").append(v).append('\n');
                }
            });
            sb.append('\n');
        }
        String b64 = Base64.getEncoder().encodeToString(block.bytes());
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return sb.append("-----END ").append(block.type()).append("-----\n").toString();
    }

    public static String encode(String type, byte[] der) {
        return encode(new Block(type, der));
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
