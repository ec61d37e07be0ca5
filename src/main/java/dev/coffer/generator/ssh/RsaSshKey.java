package dev.coffer.generator.ssh;

import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;

/** An RSA key: the public blob is (e, n), the private fields (n, e, d, iqmp, p, q), as OpenSSH orders them. */
record RsaSshKey(RSAPrivateCrtKey key) implements SshKeyMaterial {

    @Override
    public String algorithm() {
        return "ssh-rsa";
    }

    @Override
    public byte[] publicBlob() {
        return new SshWire().string(algorithm()).mpint(key.getPublicExponent()).mpint(key.getModulus()).bytes();
    }

    @Override
    public void writePrivate(SshWire out) {
        BigInteger iqmp = key.getCrtCoefficient(); // q^-1 mod p
        out.mpint(key.getModulus()).mpint(key.getPublicExponent()).mpint(key.getPrivateExponent())
                .mpint(iqmp).mpint(key.getPrimeP()).mpint(key.getPrimeQ());
    }
}
