package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SecretTemplateSpec;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretTemplateMetadata;
import dev.coffer.sealing.SealingException;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Secret a SealedSecret asks for, from the SealedSecret and its decrypted values. Pure. */
public final class UnsealedSecretShaper {

    public static final String SKIP_OWNER_REFERENCES = "sealedsecrets.bitnami.com/skip-set-owner-references";
    public static final String MANAGED = "sealedsecrets.bitnami.com/managed";
    public static final String PATCH = "sealedsecrets.bitnami.com/patch";

    private final TemplateData templateData;

    public UnsealedSecretShaper(TemplateData templateData) {
        this.templateData = templateData;
    }

    public Secret shape(SealedSecret sealedSecret, Map<String, byte[]> values) throws SealingException {
        SecretTemplateSpec template = sealedSecret.getSpec().getTemplate() == null
                ? new SecretTemplateSpec() : sealedSecret.getSpec().getTemplate();
        SealedSecretTemplateMetadata tm = template.getMetadata() == null ? new SealedSecretTemplateMetadata() : template.getMetadata();

        ObjectMeta meta = new ObjectMeta();
        meta.setName(sealedSecret.getMetadata().getName());
        meta.setNamespace(sealedSecret.getMetadata().getNamespace());
        meta.setLabels(copy(tm.getLabels()));
        // As upstream: the template's annotations only. With skip-set-owner-references the Secret
        // stays ours on the next reconciliation only if the template also says managed: "true".
        meta.setAnnotations(copy(tm.getAnnotations()));
        if (!skipOwnerReferences(tm)) {
            meta.setOwnerReferences(List.of(ownerReference(sealedSecret)));
        }

        Secret secret = new Secret();
        secret.setMetadata(meta);
        secret.setType(template.getType() == null || template.getType().isEmpty() ? "Opaque" : template.getType());
        secret.setImmutable(template.getImmutable());
        Map<String, byte[]> data = new TreeMap<>(values);
        if (template.getData() != null && !template.getData().isEmpty()) {
            applyTemplateData(template.getData(), values, data);
        }
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v)));
        secret.setData(encoded);
        return secret;
    }

    /**
     * {@code spec.template.data} as upstream (v0.40) applies it: each entry is rendered against the
     * decrypted values and, for names no encrypted value has, the entries' own plain text; a
     * decrypted value wins over an entry of the same name, in the context and in the Secret; an
     * entry without a value removes that key from the Secret.
     */
    private void applyTemplateData(Map<String, String> templates, Map<String, byte[]> values, Map<String, byte[]> data)
            throws SealingException {
        Map<String, byte[]> context = new LinkedHashMap<>(values);
        Map<String, String> rendered = new LinkedHashMap<>();
        templates.forEach((k, v) -> {
            if (v != null) {
                context.putIfAbsent(k, v.getBytes(StandardCharsets.UTF_8));
                rendered.put(k, v);
            }
        });
        Map<String, byte[]> out = templateData.render(rendered, context);
        templates.forEach((k, v) -> {
            if (v == null) {
                data.remove(k);
            }
        });
        out.forEach((k, v) -> {
            if (!values.containsKey(k)) {
                data.put(k, v);
            }
        });
    }

    public static OwnerReference ownerReference(SealedSecret sealedSecret) {
        return new OwnerReferenceBuilder()
                .withApiVersion(SealedSecret.API_VERSION)
                .withKind(SealedSecret.KIND)
                .withName(sealedSecret.getMetadata().getName())
                .withUid(sealedSecret.getMetadata().getUid())
                .withController(true)
                .build();
    }

    private static boolean skipOwnerReferences(SealedSecretTemplateMetadata tm) {
        return tm.getAnnotations() != null && "true".equals(tm.getAnnotations().get(SKIP_OWNER_REFERENCES));
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
    }
}
