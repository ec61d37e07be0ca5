package dev.coffer.template.funcs.sprig;

import static dev.coffer.template.funcs.ParamType.ANY;
import static dev.coffer.template.funcs.ParamType.INT;
import static dev.coffer.template.funcs.ParamType.LIST;
import static dev.coffer.template.funcs.ParamType.STRING;
import static dev.coffer.template.funcs.ParamType.UINT32;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.funcs.pki.GoKeys;
import dev.coffer.gocompat.GoPem;
import dev.coffer.template.value.GoValues;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.DSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * sprig's crypto.go: bcrypt, htpasswd, derivePassword, genPrivateKey, buildCustomCert, genCA,
 * genSelfSignedCert, genSignedCert (and their WithKey forms), encryptAES, decryptAES.
 */
public final class SprigCrypto {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SprigCrypto() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("bcrypt", a -> bcrypt(GoValues.str(a[0])), STRING);
        r.addVariadic("htpasswd", a -> htpasswd(GoValues.str(a[0]), GoValues.str(a[1]),
                a.length > 2 ? GoValues.str(a[2]) : "bcrypt"), STRING, STRING, STRING);
        r.add("derivePassword", a -> DerivePassword.derive(GoValues.toLong(a[0]), GoValues.str(a[1]),
                GoValues.str(a[2]), GoValues.str(a[3]), GoValues.str(a[4])), UINT32, STRING, STRING, STRING, STRING);
        r.add("genPrivateKey", a -> genPrivateKey(GoValues.str(a[0])), STRING);
        r.add("buildCustomCert", a -> buildCustomCert(GoValues.str(a[0]), GoValues.str(a[1])), STRING, STRING);
        r.add("genCA", a -> CertificateGenerator.generate(GoValues.str(a[0]), List.of(), List.of(),
                GoValues.toLong(a[1]), CertificateGenerator.newRsaKey(2048), true, null), STRING, INT);
        r.add("genCAWithKey", a -> CertificateGenerator.generate(GoValues.str(a[0]), List.of(), List.of(),
                GoValues.toLong(a[1]), CertificateGenerator.parseKeyPem(GoValues.str(a[2])), true, null),
                STRING, INT, STRING);
        r.add("genSelfSignedCert", a -> CertificateGenerator.generate(GoValues.str(a[0]), list(a[1]), list(a[2]),
                GoValues.toLong(a[3]), CertificateGenerator.newRsaKey(2048), false, null), STRING, LIST, LIST, INT);
        r.add("genSelfSignedCertWithKey", a -> CertificateGenerator.generate(GoValues.str(a[0]), list(a[1]),
                list(a[2]), GoValues.toLong(a[3]), CertificateGenerator.parseKeyPem(GoValues.str(a[4])), false, null),
                STRING, LIST, LIST, INT, STRING);
        r.add("genSignedCert", a -> CertificateGenerator.generate(GoValues.str(a[0]), list(a[1]), list(a[2]),
                GoValues.toLong(a[3]), CertificateGenerator.newRsaKey(2048), false, ca(a[4])),
                STRING, LIST, LIST, INT, ANY);
        r.add("genSignedCertWithKey", a -> CertificateGenerator.generate(GoValues.str(a[0]), list(a[1]), list(a[2]),
                GoValues.toLong(a[3]), CertificateGenerator.parseKeyPem(GoValues.str(a[5])), false, ca(a[4])),
                STRING, LIST, LIST, INT, ANY, STRING);
        r.add("encryptAES", a -> encryptAes(GoValues.str(a[0]), GoValues.bytes(a[1])), STRING, STRING);
        r.add("decryptAES", a -> decryptAes(GoValues.str(a[0]), GoValues.str(a[1])), STRING, STRING);
    }

    private static List<Object> list(Object v) {
        return v == null ? List.of() : GoValues.list(v);
    }

    private static SprigCertificate ca(Object v) throws FunctionException {
        if (v instanceof SprigCertificate c) {
            return c;
        }
        throw new FunctionException("wrong type for value; expected sprig.certificate; got " + GoValues.typeName(v));
    }

    /** Go's bcrypt at the default cost 10 ($2a$); sprig returns the error text for over-long passwords. */
    static String bcrypt(String input) {
        byte[] pw = input.getBytes(StandardCharsets.UTF_8);
        if (pw.length > 72) {
            return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2a", pw, salt, 10);
    }

    private static String htpasswd(String user, String password, String algorithm) throws Exception {
        if (user.contains(":")) {
            return "invalid username: " + user;
        }
        if (algorithm.equals("sha")) {
            byte[] sha = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            return user + ":{SHA}" + Base64.getEncoder().encodeToString(sha);
        }
        return user + ":" + bcrypt(password);
    }

    private static String genPrivateKey(String type) throws Exception {
        switch (type) {
            case "rsa":
                return CertificateGenerator.keyPem(CertificateGenerator.newRsaKey(4096));
            case "ecdsa": {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
                gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                return CertificateGenerator.keyPem(gen.generateKeyPair().getPrivate());
            }
            case "ed25519": {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519", GoKeys.BC);
                return CertificateGenerator.keyPem(gen.generateKeyPair().getPrivate());
            }
            case "dsa": {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("DSA");
                gen.initialize(2048, RANDOM);
                KeyPair kp = gen.generateKeyPair();
                DSAPrivateKey k = (DSAPrivateKey) kp.getPrivate();
                java.security.interfaces.DSAPublicKey pub = (java.security.interfaces.DSAPublicKey) kp.getPublic();
                ASN1EncodableVector v = new ASN1EncodableVector();
                v.add(new ASN1Integer(0));
                v.add(new ASN1Integer(k.getParams().getP()));
                v.add(new ASN1Integer(k.getParams().getQ()));
                v.add(new ASN1Integer(k.getParams().getG()));
                v.add(new ASN1Integer(pub.getY()));
                v.add(new ASN1Integer(k.getX()));
                return GoPem.encode("DSA PRIVATE KEY", new DERSequence(v).getEncoded());
            }
            default:
                return "Unknown type " + type;
        }
    }

    private static SprigCertificate buildCustomCert(String b64Cert, String b64Key) throws FunctionException {
        byte[] cert;
        byte[] key;
        try {
            cert = Base64.getDecoder().decode(b64Cert);
        } catch (IllegalArgumentException e) {
            throw new FunctionException("unable to decode base64 certificate");
        }
        try {
            key = Base64.getDecoder().decode(b64Key);
        } catch (IllegalArgumentException e) {
            throw new FunctionException("unable to decode base64 private key");
        }
        String certPem = new String(cert, StandardCharsets.UTF_8);
        String keyPem = new String(key, StandardCharsets.UTF_8);
        CertificateGenerator.parseCertificate(certPem);
        try {
            CertificateGenerator.parseKeyPem(keyPem);
        } catch (FunctionException e) {
            throw new FunctionException("error parsing private key: " + e.getMessage());
        }
        return new SprigCertificate(certPem, keyPem);
    }

    private static byte[] aesKey(String password) {
        return Arrays.copyOf(password.getBytes(StandardCharsets.UTF_8), 32);
    }

    /** AES-256-CBC, key = password padded or cut to 32 bytes, PKCS#7 padding, random IV first, base64. */
    private static String encryptAes(String password, byte[] plaintext) throws Exception {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey(password), "AES"), new IvParameterSpec(iv));
        byte[] body = c.doFinal(plaintext);
        byte[] out = new byte[16 + body.length];
        System.arraycopy(iv, 0, out, 0, 16);
        System.arraycopy(body, 0, out, 16, body.length);
        return Base64.getEncoder().encodeToString(out);
    }

    private static Object decryptAes(String password, String crypt64) throws FunctionException {
        byte[] crypt;
        try {
            crypt = Base64.getDecoder().decode(crypt64);
        } catch (IllegalArgumentException e) {
            throw new FunctionException("illegal base64 data");
        }
        if (crypt.length < 16 || (crypt.length - 16) % 16 != 0) {
            throw new FunctionException("crypto/cipher: input not full blocks");
        }
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey(password), "AES"),
                    new IvParameterSpec(Arrays.copyOf(crypt, 16)));
            byte[] plain = c.doFinal(crypt, 16, crypt.length - 16);
            if (plain.length == 0) {
                throw new FunctionException("runtime error: index out of range");
            }
            int pad = plain[plain.length - 1] & 0xFF;
            if (pad > plain.length) {
                throw new FunctionException("runtime error: slice bounds out of range");
            }
            return GoValues.stringFromBytes(Arrays.copyOf(plain, plain.length - pad));
        } catch (FunctionException e) {
            throw e;
        } catch (Exception e) {
            throw new FunctionException("decryption failed");
        }
    }
}
