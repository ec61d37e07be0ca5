package dev.coffer.template.funcs.eso;

import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.funcs.pki.GoKeys;
import dev.coffer.gocompat.GoPem;
import dev.coffer.template.funcs.sprig.GoJson;
import dev.coffer.template.value.GoValues;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * external-secrets' JWK functions (jwk.go): a JSON Web Key (RSA, EC P-256/384/521, OKP Ed25519)
 * to a PEM "PUBLIC KEY" (PKIX) or "PRIVATE KEY" (PKCS#8).
 */
public final class EsoJwkFunctions {
    private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private EsoJwkFunctions() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("jwkPublicKeyPem", a -> GoPem.encode("PUBLIC KEY", publicKey(parse(GoValues.str(a[0])))), STRING);
        r.add("jwkPrivateKeyPem", a -> GoPem.encode("PRIVATE KEY", privateKey(parse(GoValues.str(a[0])))), STRING);
    }

    private static Map<String, Object> parse(String json) throws FunctionException {
        try {
            Object v = GoJson.unmarshal(json);
            if (v instanceof Map) {
                return GoValues.map(v);
            }
        } catch (GoJson.SyntaxException e) {
            // reported below
        }
        throw new FunctionException("failed to unmarshal JSON into key");
    }

    private static BigInteger num(Map<String, Object> jwk, String name) throws FunctionException {
        return new BigInteger(1, bytes(jwk, name));
    }

    private static byte[] bytes(Map<String, Object> jwk, String name) throws FunctionException {
        Object v = jwk.get(name);
        if (!GoValues.isString(v)) {
            throw new FunctionException("required field " + name + " is missing");
        }
        try {
            return Base64.getUrlDecoder().decode(GoValues.str(v).replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new FunctionException("failed to decode field " + name);
        }
    }

    private static String kty(Map<String, Object> jwk) throws FunctionException {
        Object kty = jwk.get("kty");
        if (!GoValues.isString(kty)) {
            throw new FunctionException("invalid key type");
        }
        return GoValues.str(kty);
    }

    private static ECNamedCurveParameterSpec curve(Map<String, Object> jwk) throws FunctionException {
        Object crv = jwk.get("crv");
        String name = crv == null ? "" : GoValues.str(crv);
        return switch (name) {
            case "P-256" -> ECNamedCurveTable.getParameterSpec("secp256r1");
            case "P-384" -> ECNamedCurveTable.getParameterSpec("secp384r1");
            case "P-521" -> ECNamedCurveTable.getParameterSpec("secp521r1");
            default -> throw new FunctionException("unsupported curve");
        };
    }

    static byte[] publicKey(Map<String, Object> jwk) throws Exception {
        switch (kty(jwk)) {
            case "RSA" -> {
                PublicKey k = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(num(jwk, "n"), num(jwk, "e")));
                return k.getEncoded();
            }
            case "EC" -> {
                ECNamedCurveParameterSpec spec = curve(jwk);
                var point = spec.getCurve().createPoint(num(jwk, "x"), num(jwk, "y"));
                return KeyFactory.getInstance("EC", GoKeys.BC)
                        .generatePublic(new ECPublicKeySpec(point, spec)).getEncoded();
            }
            case "OKP" -> {
                requireEd25519(jwk);
                return new SubjectPublicKeyInfo(new AlgorithmIdentifier(ED25519), bytes(jwk, "x")).getEncoded();
            }
            default -> throw new FunctionException("x509: unsupported public key type");
        }
    }

    static byte[] privateKey(Map<String, Object> jwk) throws Exception {
        PrivateKey key;
        switch (kty(jwk)) {
            case "RSA" -> key = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(num(jwk, "n"),
                    num(jwk, "e"), num(jwk, "d"), num(jwk, "p"), num(jwk, "q"), num(jwk, "dp"), num(jwk, "dq"),
                    num(jwk, "qi")));
            case "EC" -> key = KeyFactory.getInstance("EC", GoKeys.BC)
                    .generatePrivate(new ECPrivateKeySpec(num(jwk, "d"), curve(jwk)));
            case "OKP" -> {
                requireEd25519(jwk);
                return new PrivateKeyInfo(new AlgorithmIdentifier(ED25519), new DEROctetString(bytes(jwk, "d")))
                        .getEncoded();
            }
            default -> throw new FunctionException("x509: unknown key type while marshaling PKCS#8");
        }
        return GoKeys.marshalPkcs8(key);
    }

    private static void requireEd25519(Map<String, Object> jwk) throws FunctionException {
        if (!"Ed25519".equals(jwk.get("crv"))) {
            throw new FunctionException("unsupported curve");
        }
    }
}
