package dev.coffer.inject.webhook;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes and renews the webhook's certificates: a self-signed CA (long-lived) and a serving
 * certificate it signs (renewed {@code renewBefore} its expiry). When the CA itself is renewed,
 * the old one stays in the CA bundle until it expires, so the API server trusts the serving
 * certificate of every replica throughout. Pure: no I/O; the clock is passed in.
 *
 * @param dnsNames    the serving certificate's names (the Service's DNS names); an entry that is an
 *                    IP literal becomes an IP SAN (loopback, for webhooks reached by URL)
 * @param validity    of a serving certificate
 * @param caValidity  of a CA
 * @param renewBefore renew a certificate when it expires within this window
 */
public record WebhookCertificates(List<String> dnsNames, Duration validity, Duration caValidity, Duration renewBefore) {

    private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");

    public WebhookCertificates {
        dnsNames = List.copyOf(dnsNames);
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("the webhook certificate needs at least one DNS name");
        }
        if (renewBefore.compareTo(validity) >= 0 || validity.compareTo(caValidity) > 0) {
            throw new IllegalArgumentException("coffer.inject.cert: renew-before < validity <= ca-validity is required");
        }
    }

    /** What the webhook serves and the API server trusts; {@code caChain.get(0)} signs {@code serving}. */
    public record Bundle(List<X509Certificate> caChain, PrivateKey caKey, X509Certificate serving, PrivateKey servingKey) {
        public Bundle {
            caChain = List.copyOf(caChain);
        }
    }

    /** The bundle to use from {@code now}: {@code current} itself when nothing is due, else a renewed one. */
    public Bundle renew(Optional<Bundle> current, Instant now, SecureRandom random) {
        if (current.isEmpty()) {
            return withNewCa(List.of(), now, random);
        }
        Bundle b = current.get();
        X509Certificate ca = b.caChain().get(0);
        if (due(ca, now)) {
            return withNewCa(b.caChain(), now, random);
        }
        List<X509Certificate> unexpired = unexpired(b.caChain(), now);
        if (due(b.serving(), now) || !sameNames(b.serving())) {
            KeyPair pair = keyPair(random);
            return new Bundle(unexpired, b.caKey(), serving(pair, ca, b.caKey(), now, random), pair.getPrivate());
        }
        return unexpired.size() == b.caChain().size() ? b : new Bundle(unexpired, b.caKey(), b.serving(), b.servingKey());
    }

    /** Whether {@code cert} should be replaced at {@code now}. */
    public boolean due(X509Certificate cert, Instant now) {
        return !now.plus(renewBefore).isBefore(cert.getNotAfter().toInstant())
                || now.isBefore(cert.getNotBefore().toInstant());
    }

    private Bundle withNewCa(List<X509Certificate> oldChain, Instant now, SecureRandom random) {
        KeyPair caPair = keyPair(random);
        X509Certificate ca = build(new X500Name("CN=coffer-inject-ca"), caPair, new X500Name("CN=coffer-inject-ca"),
                caPair.getPrivate(), now, caValidity, true, random);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(ca);
        chain.addAll(unexpired(oldChain, now));
        KeyPair pair = keyPair(random);
        return new Bundle(chain, caPair.getPrivate(), serving(pair, ca, caPair.getPrivate(), now, random), pair.getPrivate());
    }

    private static List<X509Certificate> unexpired(List<X509Certificate> chain, Instant now) {
        return chain.stream().filter(c -> now.isBefore(c.getNotAfter().toInstant())).toList();
    }

    private X509Certificate serving(KeyPair pair, X509Certificate ca, PrivateKey caKey, Instant now, SecureRandom random) {
        X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        return build(new X500Name("CN=" + dnsNames.get(0)), pair, issuer, caKey, now, validity, false, random);
    }

    private boolean sameNames(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            List<String> names = sans == null ? List.of() : sans.stream().map(l -> String.valueOf(l.get(1))).toList();
            return names.size() == dnsNames.size() && names.containsAll(dnsNames.stream().map(WebhookCertificates::canonicalIp).toList());
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    private static String canonicalIp(String name) {
        if (!IP.matcher(name).matches()) {
            return name;
        }
        try {
            // the JDK reports IP SANs in its own textual form (e.g. 0:0:0:0:0:0:0:1)
            return java.net.InetAddress.getByName(name).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return name;
        }
    }

    private X509Certificate build(X500Name subject, KeyPair pair, X500Name issuer, PrivateKey signer, Instant now,
                                  Duration lifetime, boolean ca, SecureRandom random) {
        try {
            // an hour back-dated: the API server's clock may run a little behind ours
            Instant notBefore = now.minus(Duration.ofHours(1));
            var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(now.plus(lifetime)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                GeneralName[] names = dnsNames.stream().map(n -> IP.matcher(n).matches()
                        ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the webhook certificate: " + e.getClass().getSimpleName(), e);
        }
    }

    private static KeyPair keyPair(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a webhook key: " + e.getClass().getSimpleName(), e);
        }
    }
}
