package dev.coffer.sealing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** The name of a key in logs and metrics: SHA-256 of the SSH wire form of its public key, as upstream. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String of(RSAPublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sshWireForm(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static byte[] sshWireForm(RSAPublicKey key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeMpint(out, key.getPublicExponent());
            writeMpint(out, key.getModulus());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeMpint(DataOutputStream out, BigInteger value) throws IOException {
        writeString(out, value.toByteArray());
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }
}
