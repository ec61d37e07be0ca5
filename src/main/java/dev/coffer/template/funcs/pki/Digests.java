package dev.coffer.template.funcs.pki;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** Digest and cipher lookups shared by the PKCS#12 code. */
final class Digests {
    private Digests() {
    }

    /** The digest for a hash OID or an HMAC PRF OID; null if unsupported. */
    static Digest forOid(ASN1ObjectIdentifier oid) {
        if (oid.equals(OIWObjectIdentifiers.idSHA1) || oid.equals(PKCSObjectIdentifiers.id_hmacWithSHA1)) {
            return new SHA1Digest();
        }
        if (oid.equals(NISTObjectIdentifiers.id_sha256) || oid.equals(PKCSObjectIdentifiers.id_hmacWithSHA256)) {
            return new SHA256Digest();
        }
        if (oid.equals(NISTObjectIdentifiers.id_sha384) || oid.equals(PKCSObjectIdentifiers.id_hmacWithSHA384)) {
            return new SHA384Digest();
        }
        if (oid.equals(NISTObjectIdentifiers.id_sha512) || oid.equals(PKCSObjectIdentifiers.id_hmacWithSHA512)) {
            return new SHA512Digest();
        }
        return null;
    }

    /** AES-CBC with PKCS#7 padding, ready for the given direction. */
    static Cipher aesCbc(int mode, byte[] key, byte[] iv) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher;
        } catch (Exception e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }
}
