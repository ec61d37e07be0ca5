package dev.coffer.template.funcs.pki;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.InputDecryptor;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * Decrypts PKCS#12 contents: PBES2 (PBKDF2 + AES-CBC) from the UTF-8 password bytes, which also
 * works for the empty password; the legacy PKCS#12 schemes go to BouncyCastle's JCE provider.
 */
final class Pbes2Decryptors implements InputDecryptorProvider {
    private final String password;
    private final InputDecryptorProvider legacy;

    Pbes2Decryptors(String password) throws OperatorCreationException {
        this.password = password;
        this.legacy = new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(GoKeys.BC)
                .build(password.toCharArray());
    }

    @Override
    public InputDecryptor get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        if (!algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)) {
            return legacy.get(algorithm);
        }
        PBES2Parameters params = PBES2Parameters.getInstance(algorithm.getParameters());
        PBKDF2Params kdf = PBKDF2Params.getInstance(params.getKeyDerivationFunc().getParameters());
        ASN1ObjectIdentifier cipherOid = params.getEncryptionScheme().getAlgorithm();
        int keyBits = cipherOid.equals(NISTObjectIdentifiers.id_aes128_CBC) ? 128
                : cipherOid.equals(NISTObjectIdentifiers.id_aes192_CBC) ? 192
                : cipherOid.equals(NISTObjectIdentifiers.id_aes256_CBC) ? 256 : -1;
        if (keyBits < 0) {
            return legacy.get(algorithm);
        }
        PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(prf(kdf));
        gen.init(password.getBytes(StandardCharsets.UTF_8), kdf.getSalt(), kdf.getIterationCount().intValue());
        byte[] key = ((KeyParameter) gen.generateDerivedParameters(keyBits)).getKey();
        byte[] iv = ASN1OctetString.getInstance(params.getEncryptionScheme().getParameters()).getOctets();
        return new InputDecryptor() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public InputStream getInputStream(InputStream in) {
                try {
                    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
                    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                    return new CipherInputStream(in, cipher);
                } catch (Exception e) {
                    throw new IllegalStateException("AES is not available", e);
                }
            }
        };
    }

    private static Digest prf(PBKDF2Params kdf) {
        if (kdf.isDefaultPrf()) {
            return new SHA1Digest();
        }
        ASN1ObjectIdentifier prf = kdf.getPrf().getAlgorithm();
        if (prf.equals(PKCSObjectIdentifiers.id_hmacWithSHA256)) {
            return new SHA256Digest();
        }
        if (prf.equals(PKCSObjectIdentifiers.id_hmacWithSHA384)) {
            return new SHA384Digest();
        }
        if (prf.equals(PKCSObjectIdentifiers.id_hmacWithSHA512)) {
            return new SHA512Digest();
        }
        return new SHA1Digest();
    }
}
