package dev.coffer.sealing;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;

/**
 * An independent reading of the wire format, written from the spec with the JDK's primitives
 * only. It shares no code with {@code dev.coffer.sealing}: it checks what Coffer seals.
 */
final class JdkReferenceUnsealer {

    private JdkReferenceUnsealer() {
    }

    static byte[] unseal(PrivateKey key, String label, String base64Value) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(base64Value));
        int rsaLength = Short.toUnsignedInt(in.getShort());
        byte[] encryptedSessionKey = new byte[rsaLength];
        in.get(encryptedSessionKey);
        byte[] gcm = new byte[in.remaining()];
        in.get(gcm);

        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, key, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified(label.getBytes(StandardCharsets.UTF_8))));
        byte[] sessionKey = rsa.doFinal(encryptedSessionKey);

        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sessionKey, "AES"), new GCMParameterSpec(128, new byte[12]));
        return aes.doFinal(gcm);
    }
}
