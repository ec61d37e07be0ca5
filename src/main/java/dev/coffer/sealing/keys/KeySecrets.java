package dev.coffer.sealing.keys;

import dev.coffer.gocompat.GoBase64;
import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Map;

/** Key Secrets ({@code kubernetes.io/tls}, labelled) to keys and back. Pure: no Kubernetes I/O. */
public final class KeySecrets {

    public static final String LABEL = "sealedsecrets.bitnami.com/sealed-secrets-key";
    public static final String LABEL_VALUE = "active";
    public static final String LABEL_SELECTOR = LABEL + "=" + LABEL_VALUE;
    public static final String GENERATE_NAME = "sealed-secrets-key";
    public static final String TLS_TYPE = "kubernetes.io/tls";

    private KeySecrets() {
    }

    /** Whether the Secret is an active key Secret (the label, the tls type). */
    public static boolean isKey(Secret secret) {
        ObjectMeta meta = secret.getMetadata();
        return meta != null && meta.getLabels() != null && LABEL_VALUE.equals(meta.getLabels().get(LABEL))
                && TLS_TYPE.equals(secret.getType());
    }

    /** Reads a key Secret: {@code tls.key} (PKCS#1 or PKCS#8 PEM) and {@code tls.crt} (PEM). */
    public static SealingKey read(Secret secret) throws SealingException {
        String source = describe(secret);
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        if (data.get("tls.key") == null || data.get("tls.crt") == null) {
            throw new SealingException(source + ": tls.key and tls.crt are both required");
        }
        try {
            RSAPrivateKey key = KeyPem.privateKey(new String(GoBase64.decodeStd(data.get("tls.key")),
                    StandardCharsets.US_ASCII), source);
            X509Certificate cert = KeyPem.certificate(GoBase64.decodeStd(data.get("tls.crt")), source);
            return checked(key, cert, source);
        } catch (IllegalArgumentException e) {
            throw new SealingException(source + ": tls.key or tls.crt is not base64");
        }
    }

    /** How errors name a key Secret: {@code key Secret ns/name}, leaving out what it does not have. */
    public static String describe(Secret secret) {
        ObjectMeta meta = secret.getMetadata();
        String ns = meta == null || meta.getNamespace() == null || meta.getNamespace().isEmpty() ? null : meta.getNamespace();
        String name = meta == null || meta.getName() == null || meta.getName().isEmpty() ? null : meta.getName();
        if (name == null) {
            return ns == null ? "key Secret (no name)" : "key Secret in " + ns + " (no name)";
        }
        return "key Secret " + (ns == null ? name : ns + "/" + name);
    }

    /** Pairs a private key and a certificate, refusing a pair that does not match. */
    public static SealingKey checked(RSAPrivateKey key, X509Certificate cert, String source) throws SealingException {
        SealingKey sealingKey;
        try {
            sealingKey = SealingKey.of(key, cert, source);
        } catch (IllegalArgumentException e) {
            throw new SealingException(source + ": " + e.getMessage());
        }
        if (!sealingKey.publicKey().getModulus().equals(key.getModulus())
                || key instanceof RSAPrivateCrtKey crt
                && !crt.getPublicExponent().equals(sealingKey.publicKey().getPublicExponent())) {
            throw new SealingException(source + ": tls.key does not match tls.crt");
        }
        return sealingKey;
    }

    /**
     * The name of the key Secret that succeeds the ring's newest key ({@code sealed-secrets-key-first}
     * for an empty ring): the same on every replica that sees the same ring.
     */
    public static String successorName(KeyRing ring) {
        return ring.newest().map(k -> GENERATE_NAME + "-after-" + nameSafe(k.fingerprint())).orElse(GENERATE_NAME + "-first");
    }

    /** The fingerprint ("SHA256:" and base64) in a form a Secret name may hold: 16 hex digits of its hash. */
    private static String nameSafe(String fingerprint) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(fingerprint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A new key Secret for the controller's namespace, named by the API server from generateName. */
    public static Secret toSecret(SealingKey key, String namespace) {
        return new SecretBuilder()
                .withNewMetadata()
                .withGenerateName(GENERATE_NAME)
                .withNamespace(namespace)
                .addToLabels(LABEL, LABEL_VALUE)
                .endMetadata()
                .withType(TLS_TYPE)
                .addToData("tls.key", Base64.getEncoder().encodeToString(KeyPem.encodeBytes(key.privateKey())))
                .addToData("tls.crt", Base64.getEncoder().encodeToString(KeyPem.encodeBytes(key.certificate())))
                .build();
    }
}
