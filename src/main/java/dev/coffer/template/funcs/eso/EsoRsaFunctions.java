package dev.coffer.template.funcs.eso;

import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.funcs.pki.GoKeys;
import dev.coffer.gocompat.GoPem;
import dev.coffer.template.value.GoValues;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * external-secrets' rsaDecrypt SCHEME HASH CIPHERTEXT PRIVATEKEY (decrypt.go): scheme "None" returns
 * the input, "RSA-OAEP" decrypts the raw ciphertext bytes with OAEP (SHA1, SHA256 or SHA512; any other
 * hash name means SHA256) and an empty label.
 */
public final class EsoRsaFunctions {
    private EsoRsaFunctions() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("rsaDecrypt", a -> decrypt(GoValues.str(a[0]), GoValues.str(a[1]), a[2], GoValues.str(a[3])),
                STRING, STRING, STRING, STRING);
    }

    private static Object decrypt(String scheme, String hash, Object in, String privateKeyPem) throws Exception {
        switch (scheme) {
            case "None":
                return in;
            case "RSA-OAEP":
                break;
            default:
                throw new FunctionException("decryption scheme " + scheme + " is not supported");
        }
        if (GoPem.decodeFirst(privateKeyPem) == null) {
            throw new FunctionException("failed to decode PEM block");
        }
        PrivateKey key = GoKeys.parsePemPrivateKey(privateKeyPem);
        if (key == null) {
            throw new FunctionException("could not parse private key: unable to parse private key type");
        }
        if (!(key instanceof RSAPrivateKey)) {
            throw new FunctionException("could not parse RSA private key");
        }
        String digest = switch (hash) {
            case "SHA1" -> "SHA-1";
            case "SHA512" -> "SHA-512";
            default -> "SHA-256";
        };
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new OAEPParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest),
                    PSource.PSpecified.DEFAULT));
            return GoValues.stringFromBytes(cipher.doFinal(GoValues.bytes(in)));
        } catch (Exception e) {
            throw new FunctionException("error decrypting data with RSA: crypto/rsa: decryption error");
        }
    }
}
