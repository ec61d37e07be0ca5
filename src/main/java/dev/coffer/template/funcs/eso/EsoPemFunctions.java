package dev.coffer.template.funcs.eso;

import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.funcs.pki.CertChains;
import dev.coffer.gocompat.GoPem;
import dev.coffer.template.value.GoValues;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * external-secrets' PEM functions (pem.go): filterPEM keeps blocks of one type; filterCertChain
 * picks the leaf, the intermediates or the root of an ordered chain; certSANs lists a
 * certificate's subject alternative names.
 */
public final class EsoPemFunctions {
    private EsoPemFunctions() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("filterPEM", a -> filterPem(GoValues.str(a[0]), GoValues.str(a[1])), STRING, STRING);
        r.add("filterCertChain", a -> filterCertChain(GoValues.str(a[0]), GoValues.str(a[1])), STRING, STRING);
        r.add("certSANs", a -> certSans(GoValues.str(a[0])), STRING);
    }

    /**
     * Go's pem rules, except that text before the first "-----BEGIN" is dropped even on its line:
     * ESO's trimJunk, which keeps what pem.Decode accepted before Go 1.25.2 (golang/go#76124).
     */
    private static String filterPem(String type, String input) throws FunctionException {
        int begin = input.indexOf("-----BEGIN");
        GoPem.Decoded decoded = GoPem.decodeAll(begin < 0 ? input : input.substring(begin));
        StringBuilder sb = new StringBuilder();
        for (GoPem.Block b : decoded.blocks()) {
            if (b.type().equalsIgnoreCase(type)) {
                sb.append(GoPem.encode(b));
            }
        }
        if (sb.length() == 0 && !decoded.rest().isEmpty()) {
            throw new FunctionException("error filtering pem: found junk");
        }
        return sb.toString();
    }

    /** certType: "leaf", "intermediate" or "root"; anything else, or no such certificate, gives "". */
    private static String filterCertChain(String certType, String input) throws FunctionException {
        List<X509Certificate> ordered;
        try {
            ordered = CertChains.order(CertChains.parseCertificates(input));
        } catch (CertChains.ChainException e) {
            throw new FunctionException(e.getMessage());
        }
        if (ordered.isEmpty()) {
            return "";
        }
        try {
            switch (certType) {
                case "leaf" -> {
                    X509Certificate leaf = ordered.get(0);
                    if (CertChains.authorityKeyId(leaf).length > 0 && !CertChains.isRoot(leaf)) {
                        return CertChains.toPem(List.of(leaf));
                    }
                }
                case "intermediate" -> {
                    List<X509Certificate> mids = new ArrayList<>();
                    for (X509Certificate c : ordered.subList(1, ordered.size())) {
                        if (CertChains.isRoot(c)) {
                            break;
                        }
                        mids.add(c);
                    }
                    return CertChains.toPem(mids);
                }
                case "root" -> {
                    X509Certificate root = ordered.get(ordered.size() - 1);
                    if (CertChains.isRoot(root)) {
                        return CertChains.toPem(List.of(root));
                    }
                }
                default -> {
                    return "";
                }
            }
        } catch (CertChains.ChainException e) {
            throw new FunctionException(e.getMessage());
        }
        return "";
    }

    /** DNS names, IP addresses, e-mail addresses and URIs of the first certificate, in that order. */
    private static List<Object> certSans(String input) throws FunctionException {
        List<X509Certificate> certs;
        try {
            certs = CertChains.parseCertificates(input);
        } catch (CertChains.ChainException e) {
            throw new FunctionException(e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new FunctionException("failed to decode PEM block containing certificate");
        }
        List<Object> dns = new ArrayList<>();
        List<Object> ips = new ArrayList<>();
        List<Object> emails = new ArrayList<>();
        List<Object> uris = new ArrayList<>();
        try {
            Collection<List<?>> sans = certs.get(0).getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int kind = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1));
                    switch (kind) {
                        case 2 -> dns.add(value);
                        case 7 -> ips.add(InetAddress.getByName(value).getHostAddress());
                        case 1 -> emails.add(value);
                        case 6 -> uris.add(value);
                        default -> {
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new FunctionException("x509: cannot read subject alternative names");
        }
        List<Object> out = new ArrayList<>(dns);
        out.addAll(ips);
        out.addAll(emails);
        out.addAll(uris);
        return out;
    }
}
