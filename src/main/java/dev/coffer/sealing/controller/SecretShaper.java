package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SecretTemplateSpec;
import dev.coffer.api.sealedsecrets.v1alpha1.TemplateMetadata;
import dev.coffer.sealing.SealingException;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Secret a SealedSecret asks for, from the SealedSecret and its decrypted values. Pure. */
public final class SecretShaper {

    public static final String SKIP_OWNER_REFERENCES = "sealedsecrets.bitnami.com/skip-set-owner-references";
    public static final String MANAGED = "sealedsecrets.bitnami.com/managed";
    public static final String PATCH = "sealedsecrets.bitnami.com/patch";

    private final TemplateData templateData;

    public SecretShaper(TemplateData templateData) {
        this.templateData = templateData;
    }

    public Secret shape(SealedSecret sealedSecret, Map<String, byte[]> values) throws SealingException {
        SecretTemplateSpec template = sealedSecret.getSpec().getTemplate() == null
                ? new SecretTemplateSpec() : sealedSecret.getSpec().getTemplate();
        TemplateMetadata tm = template.getMetadata() == null ? new TemplateMetadata() : template.getMetadata();

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
            data.putAll(templateData.render(template.getData(), values));
        }
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v)));
        secret.setData(encoded);
        return secret;
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

    private static boolean skipOwnerReferences(TemplateMetadata tm) {
        return tm.getAnnotations() != null && "true".equals(tm.getAnnotations().get(SKIP_OWNER_REFERENCES));
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
    }
}
