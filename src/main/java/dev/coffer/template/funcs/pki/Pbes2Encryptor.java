package dev.coffer.template.funcs.pki;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * PBES2 with PBKDF2-HMAC-SHA-256 and AES-256-CBC, keyed from the UTF-8 password bytes as Go's
 * go-pkcs12 does. Written on the lightweight API because the JCE route refuses the empty password,
 * which ESO's pemToPkcs12 uses.
 */
final class Pbes2Encryptor implements OutputEncryptor {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AlgorithmIdentifier algorithm;
    private final byte[] key;
    private final byte[] iv;

    Pbes2Encryptor(String password, int iterations) {
        byte[] salt = new byte[16];
        iv = new byte[16];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(iv);
        PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(new SHA256Digest());
        gen.init(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        key = ((KeyParameter) gen.generateDerivedParameters(256)).getKey();
        AlgorithmIdentifier prf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);
        KeyDerivationFunc kdf = new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2,
                new PBKDF2Params(salt, iterations, prf));
        EncryptionScheme scheme = new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv));
        algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, new PBES2Parameters(kdf, scheme));
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream(OutputStream out) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return new CipherOutputStream(out, cipher);
        } catch (Exception e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    @Override
    public GenericKey getKey() {
        return new GenericKey(algorithm, key);
    }
}
