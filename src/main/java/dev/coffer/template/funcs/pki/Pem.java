package dev.coffer.template.funcs.pki;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's encoding/pem: Decode (skipping text between blocks) and Encode (64-column base64 lines). */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([^\\r\\n]*?)-----[ \\t]*\\r?\\n(.*?)-----END \\1-----[ \\t]*(\\r?\\n|$)", Pattern.DOTALL);

    private Pem() {
    }

    /** One PEM block: its type, headers and decoded bytes. */
    public record Block(String type, Map<String, String> headers, byte[] bytes) {
        public Block(String type, byte[] bytes) {
            this(type, Map.of(), bytes);
        }
    }

    /** Every block in the text, and whether anything but whitespace is left after the last one. */
    public record Decoded(List<Block> blocks, String rest) {
    }

    public static Decoded decodeAll(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        int last = 0;
        while (m.find()) {
            Block b = parseBody(m.group(1), m.group(2));
            if (b == null) {
                continue;
            }
            blocks.add(b);
            last = m.end();
        }
        return new Decoded(blocks, text.substring(last));
    }

    /** The first block, or null (pem.Decode returning nil). */
    public static Block decodeFirst(String text) {
        List<Block> blocks = decodeAll(text).blocks();
        return blocks.isEmpty() ? null : blocks.get(0);
    }

    private static Block parseBody(String type, String body) {
        Map<String, String> headers = new TreeMap<>();
        String[] lines = body.split("\\r?\\n", -1);
        int i = 0;
        if (lines.length > 0 && lines[0].contains(":")) {
            while (i < lines.length && lines[i].contains(":")) {
                int c = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, c).trim(), lines[i].substring(c + 1).trim());
                i++;
            }
            if (i < lines.length && lines[i].isBlank()) {
                i++;
            }
        }
        StringBuilder b64 = new StringBuilder();
        for (; i < lines.length; i++) {
            b64.append(lines[i].replaceAll("[ \\t\\r]", ""));
        }
        try {
            return new Block(type, headers, Base64.getDecoder().decode(b64.toString()));
        } catch (IllegalArgumentException e) {
            return null;
        }
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
}
