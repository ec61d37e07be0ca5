package dev.coffer.template.funcs.sprig;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.pki.GoKeys;
import dev.coffer.gocompat.GoPem;
import dev.coffer.template.value.GoValues;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates the way sprig's crypto.go makes them with Go's x509.CreateCertificate: CN only,
 * 128-bit random serial, valid from now for N days, key usage (critical) digital signature and key
 * encipherment (plus cert sign for a CA), server and client auth, basic constraints (critical),
 * a subject key id on CAs and an authority key id from the issuer's. Keys are RSA 2048 unless given.
 */
final class CertificateGenerator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateGenerator() {
    }

    static PrivateKey newRsaKey(int bits) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(bits, RANDOM);
        return gen.generateKeyPair().getPrivate();
    }

    /** sprig's pemBlockForKey: PKCS#1 for RSA, SEC 1 for EC, PKCS#8 otherwise. */
    static String keyPem(PrivateKey key) throws Exception {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return GoPem.encode("RSA PRIVATE KEY", GoKeys.marshalPkcs1(rsa));
        }
        if (key instanceof ECPrivateKey ec) {
            return GoPem.encode("EC PRIVATE KEY", GoKeys.marshalSec1(ec));
        }
        return GoPem.encode("PRIVATE KEY", GoKeys.marshalPkcs8(key));
    }

    /** sprig's parsePrivateKeyPEM: the block type decides the format. */
    static PrivateKey parseKeyPem(String pem) throws FunctionException {
        GoPem.Block block = GoPem.decodeFirst(pem);
        if (block == null) {
            throw new FunctionException("no PEM data in input");
        }
        switch (block.type()) {
            case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                PrivateKey key = GoKeys.parsePrivateKey(block.bytes());
                if (key == null) {
                    throw new FunctionException("error parsing private key");
                }
                return key;
            }
            default -> throw new FunctionException("invalid PEM block type: " + block.type());
        }
    }

    static SprigCertificate generate(String cn, List<Object> ips, List<Object> dnsNames, long daysValid,
                                     PrivateKey key, boolean isCa, SprigCertificate issuer) throws Exception {
        PublicKey publicKey = GoKeys.publicKey(key);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
        X500Name issuerName = subject;
        PrivateKey signingKey = key;
        byte[] authorityKeyId = null;
        if (issuer != null) {
            X509Certificate caCert = parseCertificate(issuer.cert());
            issuerName = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
            signingKey = parseKeyPem(issuer.key());
            byte[] caSki = dev.coffer.template.funcs.pki.CertChains.subjectKeyId(caCert);
            authorityKeyId = caSki.length > 0 ? caSki : null;
        }
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                new BigInteger(128, RANDOM), Date.from(now), Date.from(now.plus(Duration.ofDays(daysValid))),
                subject, publicKey);
        int usage = KeyUsage.keyEncipherment | KeyUsage.digitalSignature | (isCa ? KeyUsage.keyCertSign : 0);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(publicKey)));
        }
        if (authorityKeyId != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
        }
        List<GeneralName> sans = new ArrayList<>();
        for (Object dns : dnsNames) {
            sans.add(new GeneralName(GeneralName.dNSName, GoCast.strval(dns)));
        }
        for (Object ip : ips) {
            sans.add(new GeneralName(GeneralName.iPAddress, parseIp(ip)));
        }
        if (!sans.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(sans.toArray(new GeneralName[0])));
        }
        String alg = signingKey instanceof RSAPrivateCrtKey ? "SHA256withRSA"
                : signingKey instanceof ECPrivateKey ? "SHA256withECDSA" : "Ed25519";
        X509Certificate cert = new JcaX509CertificateConverter().setProvider(GoKeys.BC).getCertificate(
                builder.build(new JcaContentSignerBuilder(alg).setProvider(GoKeys.BC).build(signingKey)));
        return new SprigCertificate(GoPem.encode("CERTIFICATE", cert.getEncoded()), keyPem(key));
    }

    /** Go's subject key id: SHA-1 of the subjectPublicKey bit string. */
    private static byte[] keyId(PublicKey key) throws Exception {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(ASN1Sequence.getInstance(key.getEncoded()));
        return MessageDigest.getInstance("SHA-1").digest(spki.getPublicKeyData().getBytes());
    }

    private static String parseIp(Object ip) throws FunctionException {
        String s = GoValues.isString(ip) ? GoValues.str(ip) : GoCast.strval(ip);
        if (!s.matches("[0-9.]+") && !s.matches("[0-9a-fA-F:.]+")) {
            throw new FunctionException("error parsing ip: not an IP address");
        }
        try {
            return InetAddress.getByName(s).getHostAddress();
        } catch (Exception e) {
            throw new FunctionException("error parsing ip: not an IP address");
        }
    }

    static X509Certificate parseCertificate(String pem) throws FunctionException {
        GoPem.Block block = GoPem.decodeFirst(pem);
        if (block == null) {
            throw new FunctionException("unable to decode certificate");
        }
        try {
            return dev.coffer.template.funcs.pki.CertChains.parse(block.bytes());
        } catch (dev.coffer.template.funcs.pki.CertChains.ChainException e) {
            throw new FunctionException("error parsing certificate");
        }
    }
}
