package dev.coffer.template.funcs.pki;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;

/**
 * PKCS#12 archives as software.sslmate.com/src/go-pkcs12 reads (DecodeChain) and writes them
 * (Modern.Encode: AES-256-CBC with PBKDF2-HMAC-SHA-256, 2048 iterations, SHA-256 MAC).
 *
 * <p>The integrity MAC is computed here rather than by BouncyCastle because the password bytes
 * differ for the empty password: Go and the JDK use the two-byte terminator, BouncyCastle none.
 * Both forms are accepted when reading.
 */
public final class Pkcs12Codec {
    private static final int ITERATIONS = 2048;
    /** Oracle's attribute that marks a trusted certificate in a Java PKCS#12 trust store. */
    private static final ASN1ObjectIdentifier JAVA_TRUSTED_CERT = new ASN1ObjectIdentifier("2.16.840.1.113894.746875.1.1");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkcs12Codec() {
    }

    /** What DecodeChain returns: the key, the first certificate, and the other certificates. */
    public record Contents(PrivateKey key, X509Certificate certificate, List<X509Certificate> caCerts) {
    }

    public static Contents decode(byte[] der, String password) throws Pkcs12Exception {
        PKCS12PfxPdu pfx;
        try {
            pfx = new PKCS12PfxPdu(der);
        } catch (Exception e) {
            throw new Pkcs12Exception("pkcs12: error reading P12 data");
        }
        byte[] accepted = verifyMac(pfx, password);
        PrivateKey key = null;
        List<X509Certificate> certs = new ArrayList<>();
        try {
            JcaX509CertificateConverter certConverter = new JcaX509CertificateConverter().setProvider(GoKeys.BC);
            for (ContentInfo info : pfx.getContentInfos()) {
                PKCS12SafeBagFactory factory = info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)
                        ? new PKCS12SafeBagFactory(info, new Pbes2Decryptors(password, accepted))
                        : new PKCS12SafeBagFactory(info);
                for (PKCS12SafeBag bag : factory.getSafeBags()) {
                    Object value = bag.getBagValue();
                    if (value instanceof X509CertificateHolder holder) {
                        certs.add(certConverter.getCertificate(holder));
                    } else if (value instanceof PKCS8EncryptedPrivateKeyInfo enc && key == null) {
                        PrivateKeyInfo info2 = enc.decryptPrivateKeyInfo(new Pbes2Decryptors(password, accepted));
                        key = new JcaPEMKeyConverter().setProvider(GoKeys.BC).getPrivateKey(info2);
                    } else if (value instanceof PrivateKeyInfo plain && key == null) {
                        key = new JcaPEMKeyConverter().setProvider(GoKeys.BC).getPrivateKey(plain);
                    }
                }
            }
        } catch (Exception e) {
            throw new Pkcs12Exception("pkcs12: decryption error, incorrect padding or password");
        }
        if (certs.isEmpty()) {
            throw new Pkcs12Exception("pkcs12: certificate missing");
        }
        return new Contents(key, certs.get(0), certs.subList(1, certs.size()));
    }

    /** Checks the MAC and returns the password bytes it accepted, for the legacy bag ciphers to use too. */
    private static byte[] verifyMac(PKCS12PfxPdu pfx, String password) throws Pkcs12Exception {
        Pfx structure = pfx.toASN1Structure();
        MacData macData = structure.getMacData();
        if (macData == null) {
            if (!password.isEmpty()) {
                throw new Pkcs12Exception("pkcs12: no MAC in data");
            }
            return bmpWithTerminator(password);
        }
        byte[] content = org.bouncycastle.asn1.ASN1OctetString.getInstance(structure.getAuthSafe().getContent())
                .getOctets();
        ASN1ObjectIdentifier alg = macData.getMac().getAlgorithmId().getAlgorithm();
        byte[] expected = macData.getMac().getDigest();
        int iterations = macData.getIterationCount().intValue();
        for (byte[] pw : passwordForms(password)) {
            byte[] mac = mac(alg, pw, macData.getSalt(), iterations, content);
            if (mac != null && MessageDigest.isEqual(mac, expected)) {
                return pw;
            }
        }
        throw new Pkcs12Exception("pkcs12: decryption password incorrect");
    }

    /** BMPString with a zero terminator (Go, the JDK, OpenSSL); for "" also no bytes at all (BouncyCastle). */
    private static List<byte[]> passwordForms(String password) {
        List<byte[]> forms = new ArrayList<>();
        forms.add(bmpWithTerminator(password));
        if (password.isEmpty()) {
            forms.add(new byte[0]);
        }
        return forms;
    }

    static byte[] bmpWithTerminator(String password) {
        byte[] b = new byte[(password.length() + 1) * 2];
        for (int i = 0; i < password.length(); i++) {
            b[2 * i] = (byte) (password.charAt(i) >>> 8);
            b[2 * i + 1] = (byte) password.charAt(i);
        }
        return b;
    }

    private static byte[] mac(ASN1ObjectIdentifier alg, byte[] password, byte[] salt, int iterations, byte[] content) {
        Digest digest = Digests.forOid(alg);
        if (digest == null) {
            return null;
        }
        PKCS12ParametersGenerator gen = new PKCS12ParametersGenerator(digest);
        gen.init(password, salt, iterations);
        KeyParameter key = (KeyParameter) gen.generateDerivedMacParameters(digest.getDigestSize() * 8);
        HMac hmac = new HMac(Digests.forOid(alg));
        hmac.init(key);
        hmac.update(content, 0, content.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }

    /** go-pkcs12 Modern.Encode: the key, its certificate and CA certificates, all encrypted. */
    public static byte[] encode(PrivateKey key, X509Certificate cert, List<X509Certificate> caCerts, String password)
            throws Exception {
        OutputEncryptor encryptor = new Pbes2Encryptor(password, ITERATIONS);
        byte[] localKeyId = MessageDigest.getInstance("SHA-1").digest(cert.getEncoded());
        List<PKCS12SafeBag> certBags = new ArrayList<>();
        PKCS12SafeBagBuilder leaf = new JcaPKCS12SafeBagBuilder(cert);
        leaf.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
        certBags.add(leaf.build());
        for (X509Certificate ca : caCerts) {
            certBags.add(new JcaPKCS12SafeBagBuilder(ca).build());
        }
        PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor);
        keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
        PKCS12PfxPduBuilder builder = new PKCS12PfxPduBuilder();
        builder.addEncryptedData(encryptor, certBags.toArray(new PKCS12SafeBag[0]));
        builder.addData(keyBag.build());
        return withMac(builder, password);
    }

    /**
     * go-pkcs12 Modern.EncodeTrustStore: each certificate in its own bag, marked as a Java trust
     * anchor for any purpose and named by its subject, all in one encrypted safe.
     */
    public static byte[] encodeTrustStore(List<X509Certificate> certs, String password) throws Exception {
        OutputEncryptor encryptor = new Pbes2Encryptor(password, ITERATIONS);
        List<PKCS12SafeBag> bags = new ArrayList<>();
        for (X509Certificate cert : certs) {
            PKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(cert);
            bag.addBagAttribute(JAVA_TRUSTED_CERT, KeyPurposeId.anyExtendedKeyUsage.toOID());
            bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName,
                    new DERBMPString(cert.getSubjectX500Principal().getName(X500Principal.RFC2253)));
            bags.add(bag.build());
        }
        PKCS12PfxPduBuilder builder = new PKCS12PfxPduBuilder();
        builder.addEncryptedData(encryptor, bags.toArray(new PKCS12SafeBag[0]));
        return withMac(builder, password);
    }

    /** The archive with go-pkcs12's SHA-256 MAC, keyed by the password with its two-byte terminator. */
    private static byte[] withMac(PKCS12PfxPduBuilder builder, String password) throws Exception {
        Pfx unsigned = builder.build(null, null).toASN1Structure();
        byte[] content = org.bouncycastle.asn1.ASN1OctetString.getInstance(unsigned.getAuthSafe().getContent())
                .getOctets();
        byte[] salt = new byte[8];
        RANDOM.nextBytes(salt);
        byte[] mac = mac(NISTObjectIdentifiers.id_sha256, bmpWithTerminator(password), salt, ITERATIONS, content);
        MacData macData = new MacData(new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256,
                DERNull.INSTANCE), mac), salt, ITERATIONS);
        return new Pfx(unsigned.getAuthSafe(), macData).getEncoded("DER");
    }

    /** A PKCS#12 failure with a message safe to show. */
    public static final class Pkcs12Exception extends Exception {
        public Pkcs12Exception(String message) {
            super(message, null, false, false);
        }
    }
}
