package dev.coffer.sealing;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The hybrid scheme of one sealed value: {@code u16be(len(R)) || R || G}, where R is the
 * RSA-OAEP (SHA-256, MGF1-SHA-256, label L) encryption of a fresh 32-byte session key and G the
 * AES-256-GCM encryption (zero nonce, no AAD) of the plaintext under it. Bytes in, bytes out.
 */
public final class HybridCipher {

    private static final int SESSION_KEY_BYTES = 32;
    private static final int GCM_TAG_BITS = 128;
    private static final int GCM_NONCE_BYTES = 12;

    private HybridCipher() {
    }

    /** Seals one value for the given public key and label. */
    public static byte[] seal(RSAPublicKey key, byte[] label, byte[] plaintext, SecureRandom random) {
        byte[] sessionKey = new byte[SESSION_KEY_BYTES];
        random.nextBytes(sessionKey);
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, key, oaep(label), random);
            byte[] r = rsa.doFinal(sessionKey);
            byte[] g = aes(Cipher.ENCRYPT_MODE, sessionKey).doFinal(plaintext);
            return ByteBuffer.allocate(2 + r.length + g.length)
                    .putShort((short) r.length).put(r).put(g).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot seal: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(sessionKey, (byte) 0);
        }
    }

    /** Splits a payload into its RSA and GCM parts; "too short" when the length prefix does not fit. */
    public static Parts split(byte[] payload) throws SealingException {
        if (payload.length < 2) {
            return tooShort();
        }
        int rsaLength = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        if (payload.length < 2 + rsaLength) {
            return tooShort();
        }
        return new Parts(Arrays.copyOfRange(payload, 2, 2 + rsaLength),
                Arrays.copyOfRange(payload, 2 + rsaLength, payload.length));
    }

    private static Parts tooShort() throws SealingException {
        throw new SealingException("sealed value is too short");
    }

    /**
     * Recovers the session key with one private key: empty when this key (or this label) does not
     * fit. A key whose modulus size differs from R's length is rejected without an RSA operation.
     */
    public static Optional<byte[]> openSessionKey(RSAPrivateKey key, byte[] label, Parts parts) {
        if ((key.getModulus().bitLength() + 7) / 8 != parts.rsa().length) {
            return Optional.empty();
        }
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.DECRYPT_MODE, key, oaep(label));
            byte[] sessionKey = rsa.doFinal(parts.rsa());
            return sessionKey.length == SESSION_KEY_BYTES ? Optional.of(sessionKey) : Optional.empty();
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot unseal: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Decrypts the GCM part with a recovered session key. */
    public static byte[] openData(byte[] sessionKey, Parts parts) throws SealingException {
        try {
            if (parts.gcm().length < GCM_TAG_BITS / 8) {
                // the JDK answers a part shorter than its tag with an unchecked ProviderException
                throw new BadPaddingException("shorter than the GCM tag");
            }
            return aes(Cipher.DECRYPT_MODE, sessionKey).doFinal(parts.gcm());
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new SealingException("sealed value failed authentication (tampered or corrupted)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot unseal: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(sessionKey, (byte) 0);
        }
    }

    private static Cipher aes(int mode, byte[] sessionKey) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(mode, new SecretKeySpec(sessionKey, "AES"),
                new GCMParameterSpec(GCM_TAG_BITS, new byte[GCM_NONCE_BYTES]));
        return aes;
    }

    private static OAEPParameterSpec oaep(byte[] label) {
        return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(label));
    }

    /** The two parts of a payload: R (RSA) and G (GCM ciphertext with tag). */
    public record Parts(byte[] rsa, byte[] gcm) {
    }
}
