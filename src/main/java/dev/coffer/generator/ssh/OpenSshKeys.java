package dev.coffer.generator.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Writes a key pair in OpenSSH's formats, as Go's {@code x/crypto/ssh} does: the private key as
 * an unencrypted {@code openssh-key-v1} file (PEM, 64-character lines, the comment inside) and the
 * public key as an authorized_keys line.
 */
public final class OpenSshKeys {

    static final String MAGIC = "openssh-key-v1\0";
    static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
    static final String END = "-----END OPENSSH PRIVATE KEY-----\n";
    /** The cipher "none" pads the private section to 8 bytes. */
    private static final int BLOCK = 8;

    private OpenSshKeys() {
    }

    /**
     * The private key file.
     *
     * @param checks draws the check integer that lets a reader detect a wrong passphrase (random in OpenSSH)
     */
    static String privateKey(SshKeyMaterial key, String comment, RandomGenerator checks) {
        int check = checks.nextInt();
        SshWire section = new SshWire().uint32(check & 0xffffffffL).uint32(check & 0xffffffffL).string(key.algorithm());
        key.writePrivate(section);
        section.string(comment == null ? "" : comment);
        for (int pad = 1; section.size() % BLOCK != 0; pad++) {
            section.raw(new byte[]{(byte) pad});
        }
        byte[] file = new SshWire().raw(MAGIC.getBytes(StandardCharsets.US_ASCII))
                .string("none").string("none").string("")
                .uint32(1)
                .string(key.publicBlob())
                .string(section.bytes())
                .bytes();
        String b64 = Base64.getEncoder().encodeToString(file);
        StringBuilder pem = new StringBuilder(BEGIN);
        for (int i = 0; i < b64.length(); i += 64) {
            pem.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return pem.append(END).toString();
    }

    /** "algorithm base64[ comment]\n", the line authorized_keys holds. */
    static String authorizedKey(SshKeyMaterial key, String comment) {
        String line = key.algorithm() + " " + Base64.getEncoder().encodeToString(key.publicBlob());
        return (comment == null || comment.isEmpty() ? line : line + " " + comment) + "\n";
    }
}
