package dev.coffer.sealing;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretSpec;
import dev.coffer.api.sealedsecrets.v1alpha1.SecretTemplateSpec;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretTemplateMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import dev.coffer.gocompat.GoBase64;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Seals Secrets and values the way kubeseal does. */
public final class SealedSecretSealer {

    /**
     * Annotations in which a deployment tool keeps a whole copy of the object it applied: on a
     * Secret that copy is the plaintext, so sealing must never carry it into the template.
     */
    public static final List<String> WHOLE_OBJECT_ANNOTATIONS = List.of(
            "kubectl.kubernetes.io/last-applied-configuration",
            "kubecfg.ksonnet.io/last-applied-configuration",
            "kapp.k14s.io/original");

    private final RSAPublicKey key;
    private final SecureRandom random;

    public SealedSecretSealer(RSAPublicKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /** One sealed value, base64 (kubeseal --raw). */
    public String sealValue(Scope scope, String namespace, String name, byte[] plaintext) {
        return Base64.getEncoder().encodeToString(HybridCipher.seal(key, scope.label(namespace, name), plaintext, random));
    }

    /**
     * Seals a Secret into a SealedSecret. The scope is the given one, or when null the one the
     * Secret's annotations declare; either way the scope annotations of the result say exactly that scope.
     */
    public SealedSecret seal(Secret secret, Scope scopeOrNull) throws SealingException {
        ObjectMeta meta = secret.getMetadata() == null ? new ObjectMeta() : secret.getMetadata();
        Scope scope = scopeOrNull != null ? scopeOrNull : Scope.fromAnnotations(meta.getAnnotations());
        requireIdentity(scope, meta.getNamespace(), meta.getName());
        SealedSecret sealed = new SealedSecret();
        sealed.setMetadata(new ObjectMeta());
        sealed.getMetadata().setName(meta.getName());
        sealed.getMetadata().setNamespace(meta.getNamespace());
        if (scope.annotation() != null) {
            sealed.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(scope.annotation(), "true")));
        }
        SealedSecretSpec spec = new SealedSecretSpec();
        spec.setTemplate(templateOf(secret, scope));
        spec.setEncryptedData(sealAll(valuesOf(secret), scope, meta.getNamespace(), meta.getName()));
        sealed.setSpec(spec);
        return sealed;
    }

    /** Seals every value for the given identity; entries sorted by name like kubeseal's output. */
    public Map<String, String> sealAll(Map<String, byte[]> values, Scope scope, String namespace, String name) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, sealValue(scope, namespace, name, v)));
        return new LinkedHashMap<>(out);
    }

    /** The values of a Secret: {@code data} decoded, then {@code stringData} over it, as the API server merges them. */
    public static Map<String, byte[]> valuesOf(Secret secret) throws SealingException {
        Map<String, byte[]> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            for (Map.Entry<String, String> e : secret.getData().entrySet()) {
                try {
                    values.put(e.getKey(), GoBase64.decodeStd(e.getValue()));
                } catch (GoBase64.InvalidBase64Exception ex) {
                    throw new SealingException("data[\"" + e.getKey() + "\"] is not valid base64");
                }
            }
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> values.put(k, (v == null ? "" : v).getBytes(StandardCharsets.UTF_8)));
        }
        return values;
    }

    public static void requireIdentity(Scope scope, String namespace, String name) throws SealingException {
        if (scope != Scope.CLUSTER_WIDE && (namespace == null || namespace.isEmpty())) {
            throw new SealingException("a namespace is required for scope " + scope.flag());
        }
        if (scope == Scope.STRICT && (name == null || name.isEmpty())) {
            throw new SealingException("a name is required for scope strict");
        }
    }

    /** The annotations without any tool's copy of the whole object (see {@link #WHOLE_OBJECT_ANNOTATIONS}). */
    public static Map<String, String> withoutWholeObjectCopies(Map<String, String> annotations) {
        Map<String, String> out = new LinkedHashMap<>(annotations == null ? Map.of() : annotations);
        WHOLE_OBJECT_ANNOTATIONS.forEach(out::remove);
        return out;
    }

    /** The annotations with both scope annotations replaced by the one of {@code scope} (none for strict). */
    public static Map<String, String> withScope(Map<String, String> annotations, Scope scope) {
        Map<String, String> out = new LinkedHashMap<>(annotations);
        out.remove(Scope.NAMESPACE_WIDE_ANNOTATION);
        out.remove(Scope.CLUSTER_WIDE_ANNOTATION);
        if (scope.annotation() != null) {
            out.put(scope.annotation(), "true");
        }
        return out;
    }

    private static SecretTemplateSpec templateOf(Secret secret, Scope scope) {
        ObjectMeta meta = secret.getMetadata();
        SealedSecretTemplateMetadata tm = new SealedSecretTemplateMetadata();
        tm.setName(meta.getName());
        tm.setNamespace(meta.getNamespace());
        if (meta.getLabels() != null && !meta.getLabels().isEmpty()) {
            tm.setLabels(new LinkedHashMap<>(meta.getLabels()));
        }
        Map<String, String> annotations = withScope(withoutWholeObjectCopies(meta.getAnnotations()), scope);
        if (!annotations.isEmpty()) {
            tm.setAnnotations(annotations);
        }
        SecretTemplateSpec template = new SecretTemplateSpec();
        template.setMetadata(tm);
        if (secret.getType() != null && !secret.getType().isEmpty()) {
            template.setType(secret.getType());
        }
        template.setImmutable(secret.getImmutable());
        return template;
    }
}
