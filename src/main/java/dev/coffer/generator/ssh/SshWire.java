package dev.coffer.generator.ssh;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Writes the SSH wire encoding (RFC 4251 section 5): uint32, string and mpint. */
final class SshWire {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    SshWire uint32(long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
        return this;
    }

    SshWire string(byte[] v) {
        uint32(v.length);
        out.writeBytes(v);
        return this;
    }

    SshWire string(String v) {
        return string(v.getBytes(StandardCharsets.UTF_8));
    }

    /** Two's complement, big-endian, minimal; zero is the empty string. */
    SshWire mpint(BigInteger v) {
        return string(v.signum() == 0 ? new byte[0] : v.toByteArray());
    }

    SshWire raw(byte[] v) {
        out.writeBytes(v);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
