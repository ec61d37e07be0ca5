package dev.coffer.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A SHA-256 digest of what a push is made from, to tell a changed source from a status echo. Never logged. */
final class PushDigest {

    private PushDigest() {
    }

    static String of(Map<String, byte[]> data, List<String> stores, List<List<String>> dataToStores) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        new TreeMap<>(data).forEach((k, v) -> {
            md.update(k.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Integer.toString(v.length).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(v);
        });
        md.update((stores + "|" + dataToStores).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }
}
