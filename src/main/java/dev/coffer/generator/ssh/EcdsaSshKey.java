package dev.coffer.generator.ssh;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/** An ECDSA key on nistp256, nistp384 or nistp521: the point uncompressed, the scalar as an mpint. */
record EcdsaSshKey(ECPublicKey publicKey, ECPrivateKey privateKey, int bits) implements SshKeyMaterial {

    String curve() {
        return "nistp" + bits;
    }

    @Override
    public String algorithm() {
        return "ecdsa-sha2-" + curve();
    }

    @Override
    public byte[] publicBlob() {
        return new SshWire().string(algorithm()).string(curve()).string(point()).bytes();
    }

    @Override
    public void writePrivate(SshWire out) {
        out.string(curve()).string(point()).mpint(privateKey.getS());
    }

    /** SEC 1 uncompressed: 0x04, then X and Y each padded to the field's byte length. */
    private byte[] point() {
        int size = (bits + 7) / 8;
        byte[] out = new byte[1 + 2 * size];
        out[0] = 4;
        put(publicKey.getW().getAffineX(), out, 1, size);
        put(publicKey.getW().getAffineY(), out, 1 + size, size);
        return out;
    }

    private static void put(BigInteger v, byte[] out, int offset, int size) {
        byte[] b = v.toByteArray();
        int skip = b.length > size ? b.length - size : 0; // a sign byte
        System.arraycopy(b, skip, out, offset + size - (b.length - skip), b.length - skip);
    }
}
