package dev.coffer.generator.ssh;

/**
 * An Ed25519 key: the 32-byte public key, and as private part the 64 bytes Go and OpenSSH keep
 * (the 32-byte seed followed by the public key).
 */
record Ed25519SshKey(byte[] seed, byte[] publicKey) implements SshKeyMaterial {

    @Override
    public String algorithm() {
        return "ssh-ed25519";
    }

    @Override
    public byte[] publicBlob() {
        return new SshWire().string(algorithm()).string(publicKey).bytes();
    }

    @Override
    public void writePrivate(SshWire out) {
        byte[] both = new byte[64];
        System.arraycopy(seed, 0, both, 0, 32);
        System.arraycopy(publicKey, 0, both, 32, 32);
        out.string(publicKey).string(both);
    }
}
