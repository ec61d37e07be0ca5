package dev.coffer.template.exec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The bytes a template writes. Go templates write bytes, so binary strings pass through unchanged. */
final class Output {
    private byte[] buf = new byte[256];
    private int len;

    void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    void write(String s) {
        int n = s.length();
        ensure(n);
        // ASCII fast path; anything else goes through the UTF-8 encoder
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                write(s.substring(i).getBytes(StandardCharsets.UTF_8));
                return;
            }
            buf[len++] = (byte) c;
        }
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }
}
