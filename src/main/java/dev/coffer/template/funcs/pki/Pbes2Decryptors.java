package dev.coffer.template.funcs.pki;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.RC2Engine;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.crypto.params.RC2Parameters;
import org.bouncycastle.operator.InputDecryptor;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Decrypts PKCS#12 contents as go-pkcs12 does: PBES2 (PBKDF2 + AES-CBC) from the UTF-8 password
 * bytes, and the legacy PKCS#12 schemes (SHA-1 with 3DES, RC2-40 or RC2-128) from the very
 * password bytes that passed the MAC. That matters for the empty password: OpenSSL writes the
 * two-byte terminator, other tools no bytes at all, and BouncyCastle's own builders always take
 * the latter.
 */
final class Pbes2Decryptors implements InputDecryptorProvider {
    private final String password;
    private final byte[] legacyPassword;

    /** {@code legacyPassword}: the BMPString form of the password that the MAC accepted. */
    Pbes2Decryptors(String password, byte[] legacyPassword) {
        this.password = password;
        this.legacyPassword = legacyPassword.clone();
    }

    @Override
    public InputDecryptor get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        if (!algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)) {
            return legacy(algorithm);
        }
        PBES2Parameters params = PBES2Parameters.getInstance(algorithm.getParameters());
        PBKDF2Params kdf = PBKDF2Params.getInstance(params.getKeyDerivationFunc().getParameters());
        ASN1ObjectIdentifier cipherOid = params.getEncryptionScheme().getAlgorithm();
        int keyBits = cipherOid.equals(NISTObjectIdentifiers.id_aes128_CBC) ? 128
                : cipherOid.equals(NISTObjectIdentifiers.id_aes192_CBC) ? 192
                : cipherOid.equals(NISTObjectIdentifiers.id_aes256_CBC) ? 256 : -1;
        if (keyBits < 0) {
            throw new OperatorCreationException("pkcs12: pbes2 cipher " + cipherOid + " is not supported");
        }
        PKCS5S2ParametersGenerator gen = new PKCS5S2ParametersGenerator(prf(kdf));
        gen.init(password.getBytes(StandardCharsets.UTF_8), kdf.getSalt(), kdf.getIterationCount().intValue());
        byte[] key = ((KeyParameter) gen.generateDerivedParameters(keyBits)).getKey();
        byte[] iv = ASN1OctetString.getInstance(params.getEncryptionScheme().getParameters()).getOctets();
        return decryptor(algorithm, in -> new CipherInputStream(in, Digests.aesCbc(Cipher.DECRYPT_MODE, key, iv)));
    }

    private InputDecryptor legacy(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        boolean tripleDes = oid.equals(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC);
        int keyBits = tripleDes ? 192
                : oid.equals(PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC) ? 40
                : oid.equals(PKCSObjectIdentifiers.pbeWithSHAAnd128BitRC2_CBC) ? 128 : -1;
        if (keyBits < 0) {
            throw new OperatorCreationException("pkcs12: pbe algorithm " + oid + " is not supported");
        }
        PKCS12PBEParams params = PKCS12PBEParams.getInstance(algorithm.getParameters());
        PKCS12ParametersGenerator gen = new PKCS12ParametersGenerator(new SHA1Digest());
        gen.init(legacyPassword, params.getIV(), params.getIterations().intValue());
        ParametersWithIV derived = (ParametersWithIV) gen.generateDerivedParameters(keyBits, 64);
        CipherParameters keyAndIv = tripleDes ? derived : new ParametersWithIV(
                new RC2Parameters(((KeyParameter) derived.getParameters()).getKey(), keyBits), derived.getIV());
        PaddedBufferedBlockCipher cipher = new PaddedBufferedBlockCipher(
                CBCBlockCipher.newInstance(tripleDes ? new DESedeEngine() : new RC2Engine()));
        cipher.init(false, keyAndIv);
        return decryptor(algorithm, in -> new org.bouncycastle.crypto.io.CipherInputStream(in, cipher));
    }

    private static InputDecryptor decryptor(AlgorithmIdentifier algorithm, UnaryOperator<InputStream> decrypting) {
        return new InputDecryptor() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public InputStream getInputStream(InputStream in) {
                return decrypting.apply(in);
            }
        };
    }

    private static Digest prf(PBKDF2Params kdf) {
        Digest d = kdf.isDefaultPrf() ? null : Digests.forOid(kdf.getPrf().getAlgorithm());
        return d == null ? new SHA1Digest() : d;
    }
}
