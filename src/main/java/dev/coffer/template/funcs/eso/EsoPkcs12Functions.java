package dev.coffer.template.funcs.eso;

import static dev.coffer.template.funcs.ParamType.STRING;

import dev.coffer.template.funcs.FunctionException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.funcs.pki.CertChains;
import dev.coffer.template.funcs.pki.GoKeys;
import dev.coffer.gocompat.GoPem;
import dev.coffer.template.funcs.pki.Pkcs12Codec;
import dev.coffer.template.value.GoValues;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * external-secrets' PKCS#12 functions (pkg/template/v2/pkcs12.go). The pkcs12* functions take the
 * raw archive bytes (pipe through b64dec first if the secret holds base64) and return PEM; the
 * *ToPkcs12 functions take PEM and return the archive base64-encoded.
 */
public final class EsoPkcs12Functions {
    private EsoPkcs12Functions() {
    }

    public static void register(FunctionRegistry.Builder r) {
        r.add("pkcs12key", a -> key("", GoValues.bytes(a[0])), STRING);
        r.add("pkcs12keyPass", a -> key(GoValues.str(a[0]), GoValues.bytes(a[1])), STRING, STRING);
        r.add("pkcs12cert", a -> cert("", GoValues.bytes(a[0])), STRING);
        r.add("pkcs12certPass", a -> cert(GoValues.str(a[0]), GoValues.bytes(a[1])), STRING, STRING);
        r.add("pemToPkcs12", a -> toPkcs12(GoValues.str(a[0]), GoValues.str(a[1]), "", false), STRING, STRING);
        r.add("pemToPkcs12Pass", a -> toPkcs12(GoValues.str(a[0]), GoValues.str(a[1]), GoValues.str(a[2]), false),
                STRING, STRING, STRING);
        r.add("fullPemToPkcs12", a -> toPkcs12(GoValues.str(a[0]), GoValues.str(a[1]), "", true), STRING, STRING);
        r.add("fullPemToPkcs12Pass", a -> toPkcs12(GoValues.str(a[0]), GoValues.str(a[1]), GoValues.str(a[2]), true),
                STRING, STRING, STRING);
        r.add("pemTruststoreToPKCS12", a -> trustStore(GoValues.str(a[0]), ""), STRING);
        r.add("pemTruststoreToPKCS12Pass", a -> trustStore(GoValues.str(a[0]), GoValues.str(a[1])), STRING, STRING);
    }

    private static Pkcs12Codec.Contents decode(String pass, byte[] input, String what) throws FunctionException {
        try {
            return Pkcs12Codec.decode(input, pass);
        } catch (Pkcs12Codec.Pkcs12Exception e) {
            throw new FunctionException("unable to decode pkcs12" + what + " with password: " + e.getMessage());
        }
    }

    /** The private key as PKCS#8 PEM ("PRIVATE KEY"). */
    private static String key(String pass, byte[] input) throws Exception {
        Pkcs12Codec.Contents c = decode(pass, input, "");
        if (c.key() == null) {
            throw new FunctionException("unable to decode pkcs12 with password: pkcs12: private key missing");
        }
        return GoPem.encode("PRIVATE KEY", GoKeys.marshalPkcs8(c.key()));
    }

    /** All certificates as PEM, ordered leaf to root when they form one chain, else as stored. */
    private static String cert(String pass, byte[] input) throws Exception {
        Pkcs12Codec.Contents c = decode(pass, input, " certificate");
        if (c.key() == null) {
            throw new FunctionException("unable to decode pkcs12 certificate with password: pkcs12: private key missing");
        }
        List<X509Certificate> all = new ArrayList<>();
        all.add(c.certificate());
        all.addAll(c.caCerts());
        try {
            return CertChains.toPem(CertChains.order(all));
        } catch (CertChains.ChainException e) {
            return CertChains.toPem(all);
        }
    }

    private static String toPkcs12(String certPem, String keyPem, String pass, boolean withChain) throws Exception {
        List<GoPem.Block> certBlocks = GoPem.decodeAll(certPem).blocks();
        if (certBlocks.isEmpty()) {
            throw new FunctionException("runtime error: invalid memory address or nil pointer dereference");
        }
        X509Certificate cert = chain(certBlocks.get(0));
        List<X509Certificate> cas = new ArrayList<>();
        if (withChain) {
            for (GoPem.Block b : certBlocks.subList(1, certBlocks.size())) {
                cas.add(chain(b));
            }
        }
        PrivateKey key = GoKeys.parsePemPrivateKey(keyPem);
        if (key == null) {
            throw new FunctionException("unable to parse private key type");
        }
        return Base64.getEncoder().encodeToString(Pkcs12Codec.encode(key, cert, cas, pass));
    }

    /** ESO's pemTruststoreToPKCS12: every certificate of the PEM into a Java trust store, base64-encoded. */
    private static String trustStore(String certsPem, String pass) throws Exception {
        List<X509Certificate> certs = new ArrayList<>();
        for (GoPem.Block b : GoPem.decodeAll(certsPem).blocks()) {
            certs.add(chain(b));
        }
        return Base64.getEncoder().encodeToString(Pkcs12Codec.encodeTrustStore(certs, pass));
    }

    private static X509Certificate chain(GoPem.Block b) throws FunctionException {
        try {
            return CertChains.parse(b.bytes());
        } catch (CertChains.ChainException e) {
            throw new FunctionException(e.getMessage());
        }
    }
}
