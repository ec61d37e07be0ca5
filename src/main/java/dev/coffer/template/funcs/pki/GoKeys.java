package dev.coffer.template.funcs.pki;

import dev.coffer.gocompat.GoPem;
import java.io.IOException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Private keys as Go's crypto/x509 reads and writes them: parse PKCS#1, PKCS#8 or SEC 1 DER, and
 * marshal PKCS#8 / PKCS#1 / SEC 1 with Go's exact layout (an EC key inside PKCS#8 carries its public
 * key but not a repeated curve OID), so generated PEM matches what ESO produces.
 */
public final class GoKeys {
    public static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private GoKeys() {
    }

    /** x509.ParsePKCS1PrivateKey, then ParsePKCS8PrivateKey, then ParseECPrivateKey; null if none fits. */
    public static PrivateKey parsePrivateKey(byte[] der) {
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(der);
            if (seq.size() == 9) {
                RSAPrivateKey rsa = RSAPrivateKey.getInstance(seq);
                PrivateKeyInfo info = new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), rsa);
                return fromPkcs8(info.getEncoded());
            }
        } catch (IOException | RuntimeException e) {
            // not PKCS#1
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
            if (info.getPrivateKeyAlgorithm() != null) {
                return fromPkcs8(der);
            }
        } catch (RuntimeException e) {
            // not PKCS#8
        }
        try {
            org.bouncycastle.asn1.sec.ECPrivateKey ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
            ASN1Encodable params = ec.getParametersObject();
            PrivateKeyInfo info = new PrivateKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, params), ec);
            return fromPkcs8(info.getEncoded());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The first PEM block of the text parsed as a private key in any of Go's formats; null if none. */
    public static PrivateKey parsePemPrivateKey(String pem) {
        GoPem.Block block = GoPem.decodeFirst(pem);
        return block == null ? null : parsePrivateKey(block.bytes());
    }

    private static PrivateKey fromPkcs8(byte[] der) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
        String name = alg.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA"
                : alg.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC"
                : alg.getId().equals("1.3.101.112") ? "Ed25519"
                : alg.getId().equals("1.2.840.10040.4.1") ? "DSA" : alg.getId();
        try {
            return KeyFactory.getInstance(name, BC).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalArgumentException("unsupported private key");
        }
    }

    /** x509.MarshalPKCS8PrivateKey. */
    public static byte[] marshalPkcs8(PrivateKey key) throws IOException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    pkcs1Structure(rsa)).getEncoded();
        }
        if (key instanceof java.security.interfaces.ECPrivateKey ec) {
            ASN1ObjectIdentifier curve = curveOid(ec);
            org.bouncycastle.asn1.sec.ECPrivateKey inner = new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits(ec), ec.getS(), new DERBitString(publicPoint(ec)), null);
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), inner)
                    .getEncoded();
        }
        // Ed25519 and others: the standard encoding is what Go writes (version 0, no public key)
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey()).getEncoded();
    }

    /** x509.MarshalPKCS1PrivateKey. */
    public static byte[] marshalPkcs1(RSAPrivateCrtKey rsa) throws IOException {
        return pkcs1Structure(rsa).getEncoded();
    }

    /** x509.MarshalECPrivateKey (SEC 1, with the curve OID and the public key). */
    public static byte[] marshalSec1(java.security.interfaces.ECPrivateKey ec) throws IOException {
        return new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits(ec), ec.getS(), new DERBitString(publicPoint(ec)), curveOid(ec)).getEncoded();
    }

    private static RSAPrivateKey pkcs1Structure(RSAPrivateCrtKey k) {
        return new RSAPrivateKey(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(), k.getPrimeP(),
                k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient());
    }

    private static int orderBits(java.security.interfaces.ECPrivateKey ec) {
        return ec.getParams().getOrder().bitLength();
    }

    private static ASN1ObjectIdentifier curveOid(java.security.interfaces.ECPrivateKey ec) {
        String name = EC5Util.convertSpec(ec.getParams()).getCurve().getFieldSize() == 256 ? "secp256r1"
                : EC5Util.convertSpec(ec.getParams()).getCurve().getFieldSize() == 384 ? "secp384r1" : "secp521r1";
        return org.bouncycastle.asn1.x9.ECNamedCurveTable.getOID(name);
    }

    private static byte[] publicPoint(java.security.interfaces.ECPrivateKey ec) {
        org.bouncycastle.jce.spec.ECParameterSpec spec = EC5Util.convertSpec(ec.getParams());
        return spec.getG().multiply(ec.getS()).normalize().getEncoded(false);
    }

    /** The public half of a private key. */
    public static java.security.PublicKey publicKey(PrivateKey key) throws Exception {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof java.security.interfaces.ECPrivateKey ec) {
            org.bouncycastle.jce.spec.ECParameterSpec spec = EC5Util.convertSpec(ec.getParams());
            org.bouncycastle.math.ec.ECPoint q = spec.getG().multiply(ec.getS()).normalize();
            return KeyFactory.getInstance("EC", BC).generatePublic(new org.bouncycastle.jce.spec.ECPublicKeySpec(q, spec));
        }
        if (key instanceof org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey ed) {
            return ed.getPublicKey();
        }
        if (key instanceof java.security.interfaces.EdECPrivateKey) {
            PrivateKey bcKey = KeyFactory.getInstance("Ed25519", BC).generatePrivate(
                    new PKCS8EncodedKeySpec(key.getEncoded()));
            return ((org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey) bcKey).getPublicKey();
        }
        throw new IllegalArgumentException("unsupported key type");
    }
}
