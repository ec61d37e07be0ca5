package dev.coffer.generator.ssh;

import dev.coffer.api.generators.v1alpha1.SSHKeyType;
import dev.coffer.provider.ProviderException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * Makes fresh key pairs of the SSHKey generator's types, with upstream's default sizes: RSA 2048
 * bits, ECDSA on P-256. RSA takes 1024 to 8192 bits, ECDSA 256, 384 or 521; Ed25519 has one size.
 */
final class SshKeyPairs {

    static final int DEFAULT_RSA_BITS = 2048;
    static final int DEFAULT_ECDSA_BITS = 256;

    private SshKeyPairs() {
    }

    /** Throws INVALID_CONFIG, naming {@code what}, for a size the type does not have. */
    static SshKeyMaterial generate(SSHKeyType type, Integer size, SecureRandom random, String what) {
        return switch (type) {
            case rsa -> rsa(size == null ? DEFAULT_RSA_BITS : size, random, what);
            case ecdsa -> ecdsa(size == null ? DEFAULT_ECDSA_BITS : size, random, what);
            case ed25519 -> ed25519(random);
        };
    }

    private static SshKeyMaterial rsa(int bits, SecureRandom random, String what) {
        if (bits < 1024 || bits > 8192) {
            throw ProviderException.invalidConfig(what + ": an rsa keySize must be between 1024 and 8192, not " + bits);
        }
        KeyPair pair = jdk("RSA", g -> g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random));
        return new RsaSshKey((RSAPrivateCrtKey) pair.getPrivate());
    }

    private static SshKeyMaterial ecdsa(int bits, SecureRandom random, String what) {
        String curve = switch (bits) {
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> throw ProviderException.invalidConfig(what + ": an ecdsa keySize must be 256, 384 or 521, not " + bits);
        };
        KeyPair pair = jdk("EC", g -> g.initialize(new ECGenParameterSpec(curve), random));
        return new EcdsaSshKey((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate(), bits);
    }

    private static SshKeyMaterial ed25519(SecureRandom random) {
        // The JDK's Ed25519 keys do not expose the public key's encoding; BouncyCastle's do.
        Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(random));
        AsymmetricCipherKeyPair pair = g.generateKeyPair();
        return new Ed25519SshKey(((Ed25519PrivateKeyParameters) pair.getPrivate()).getEncoded(),
                ((Ed25519PublicKeyParameters) pair.getPublic()).getEncoded());
    }

    private interface Init {
        void apply(KeyPairGenerator g) throws GeneralSecurityException;
    }

    private static KeyPair jdk(String algorithm, Init init) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            init.apply(g);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + algorithm + " keys", e);
        }
    }
}
