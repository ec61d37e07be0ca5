package dev.coffer.generator.ssh;

/** One key pair as OpenSSH writes it: the algorithm name, the public key blob and the private fields. */
interface SshKeyMaterial {

    /** e.g. "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa". */
    String algorithm();

    /** The public key in wire format, as in authorized_keys (base64) and in the private key file. */
    byte[] publicBlob();

    /** The key-specific private fields that follow the algorithm name in the private section. */
    void writePrivate(SshWire out);
}
