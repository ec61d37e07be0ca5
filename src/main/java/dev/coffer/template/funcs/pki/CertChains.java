package dev.coffer.template.funcs.pki;

import dev.coffer.gocompat.GoPem;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * Orders certificates leaf, intermediates, root by linking each certificate's Authority Key
 * Identifier to another's Subject Key Identifier, as ESO's fetchCertChains does (from the Azure
 * Key Vault CSI provider). Like Go's bytes.Equal, an absent identifier equals an absent one.
 */
public final class CertChains {
    private CertChains() {
    }

    /** A chain problem with a message safe to show. */
    public static final class ChainException extends Exception {
        public ChainException(String message) {
            super(message, null, false, false);
        }
    }

    public static List<X509Certificate> parseCertificates(String pem) throws ChainException {
        List<X509Certificate> certs = new ArrayList<>();
        for (GoPem.Block block : GoPem.decodeAll(pem).blocks()) {
            certs.add(parse(block.bytes()));
        }
        return certs;
    }

    public static X509Certificate parse(byte[] der) throws ChainException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new ChainException("x509: malformed certificate");
        }
    }

    public static byte[] subjectKeyId(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext == null) {
            return new byte[0];
        }
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
    }

    public static byte[] authorityKeyId(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (ext == null) {
            return new byte[0];
        }
        byte[] id = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
        return id == null ? new byte[0] : id;
    }

    /** A root has no Authority Key Identifier, or one equal to its own Subject Key Identifier. */
    public static boolean isRoot(X509Certificate c) {
        byte[] aki = authorityKeyId(c);
        return aki.length == 0 || Arrays.equals(aki, subjectKeyId(c));
    }

    /** The certificates ordered from the leaf to the root. */
    public static List<X509Certificate> order(List<X509Certificate> certs) throws ChainException {
        int n = certs.size();
        int[] parent = new int[n];
        boolean[] isParent = new boolean[n];
        Arrays.fill(parent, -1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && Arrays.equals(authorityKeyId(certs.get(i)), subjectKeyId(certs.get(j)))) {
                    isParent[j] = true;
                    parent[i] = j;
                    break;
                }
            }
        }
        int leaf = -1;
        for (int i = 0; i < n; i++) {
            if (!isParent[i]) {
                if (leaf >= 0) {
                    throw new ChainException("found multiple leaf or disjunct certificates");
                }
                leaf = i;
            }
        }
        if (leaf < 0) {
            throw new ChainException("no leaf certificate found");
        }
        List<X509Certificate> out = new ArrayList<>();
        for (int at = leaf; at >= 0; at = parent[at]) {
            if (out.size() >= n) {
                throw new ChainException("constructing chain resulted in cycle");
            }
            out.add(certs.get(at));
        }
        return out;
    }

    public static String toPem(List<X509Certificate> certs) throws ChainException {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) {
            try {
                sb.append(GoPem.encode("CERTIFICATE", c.getEncoded()));
            } catch (Exception e) {
                throw new ChainException("x509: cannot encode certificate");
            }
        }
        return sb.toString();
    }
}
