package dev.coffer.sealing.kubeseal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SecretTemplateSpec;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretTemplateMetadata;
import dev.coffer.sealing.SealedSecretSealer;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingException;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.Scope;
import dev.coffer.sealing.controller.UnsealedSecretShaper;
import dev.coffer.sealing.controller.TemplateData;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** kubeseal's offline operations, text in and text out: seal, merge into, recovery unseal. */
public final class Kubeseal {

    private Kubeseal() {
    }

    /**
     * Seals every Secret of the input into a SealedSecret. A Secret without a namespace gets the
     * target namespace unless its scope is cluster-wide (which binds no namespace); a Secret in
     * another namespace than an explicitly named one is refused, as kubeseal refuses it.
     */
    public static String seal(String input, RSAPublicKey key, Scope scopeOrNull, TargetNamespace namespace,
                              boolean allowEmptyData, boolean yaml) throws SealingException {
        SealedSecretSealer sealer = new SealedSecretSealer(key, new SecureRandom());
        List<Object> out = new ArrayList<>();
        for (Secret secret : secrets(input)) {
            ObjectMeta meta = secret.getMetadata();
            if (!allowEmptyData && SealedSecretSealer.valuesOf(secret).isEmpty()) {
                throw new SealingException("Secret \"" + nullToEmpty(meta.getName())
                        + "\" has no data to seal (use --allow-empty-data to seal it anyway)");
            }
            if (nullToEmpty(meta.getName()).isEmpty()) {
                throw new SealingException("missing metadata.name in input Secret");
            }
            Scope scope = scopeOrNull != null ? scopeOrNull : Scope.fromAnnotations(meta.getAnnotations());
            if (scope != Scope.CLUSTER_WIDE) {
                String own = nullToEmpty(meta.getNamespace());
                if (namespace.explicit() && !own.isEmpty() && !own.equals(namespace.name())) {
                    throw new SealingException("namespace mismatch: input secret is in namespace \"" + own
                            + "\" but \"" + namespace.name() + "\" was specified");
                }
                if (own.isEmpty()) {
                    meta.setNamespace(namespace.name());
                }
            }
            out.add(sealer.seal(secret, scope));
        }
        return write(out, yaml);
    }

    /**
     * Seals the values of one Secret into an existing SealedSecret's text, keeping its format,
     * name, namespace and scope; the Secret's labels and annotations are added to (or update)
     * the template's, as kubeseal does.
     */
    public static String mergeInto(String sealedSecretText, String secretInput, RSAPublicKey key) throws SealingException {
        SealedSecret target = sealedSecrets(sealedSecretText).get(0);
        List<Secret> secrets = secrets(secretInput);
        if (secrets.size() != 1) {
            throw new SealingException("--merge-into takes exactly one Secret, got " + secrets.size());
        }
        Secret secret = secrets.get(0);
        Scope scope = SealedSecretUnsealer.scopeOf(target);
        Map<String, String> sealed = new SealedSecretSealer(key, new SecureRandom()).sealAll(
                SealedSecretSealer.valuesOf(secret), scope,
                target.getMetadata().getNamespace(), target.getMetadata().getName());
        if (target.getSpec().getEncryptedData() == null) {
            target.getSpec().setEncryptedData(new LinkedHashMap<>());
        }
        target.getSpec().getEncryptedData().putAll(sealed);
        mergeTemplateMetadata(target, secret.getMetadata(), scope);
        return write(List.of(target), !sealedSecretText.stripLeading().startsWith("{"));
    }

    private static void mergeTemplateMetadata(SealedSecret target, ObjectMeta from, Scope scope) {
        if (target.getSpec().getTemplate() == null) {
            target.getSpec().setTemplate(new SecretTemplateSpec());
        }
        SecretTemplateSpec template = target.getSpec().getTemplate();
        if (template.getMetadata() == null) {
            template.setMetadata(new SealedSecretTemplateMetadata());
        }
        SealedSecretTemplateMetadata tm = template.getMetadata();
        if (from.getLabels() != null && !from.getLabels().isEmpty()) {
            Map<String, String> labels = new LinkedHashMap<>(tm.getLabels() == null ? Map.of() : tm.getLabels());
            labels.putAll(from.getLabels());
            tm.setLabels(labels);
        }
        // The target's scope stays: its sealed values are bound to it.
        Map<String, String> added = SealedSecretSealer.withoutWholeObjectCopies(from.getAnnotations());
        added.remove(Scope.NAMESPACE_WIDE_ANNOTATION);
        added.remove(Scope.CLUSTER_WIDE_ANNOTATION);
        if (!added.isEmpty()) {
            Map<String, String> annotations = new LinkedHashMap<>(tm.getAnnotations() == null ? Map.of() : tm.getAnnotations());
            annotations.putAll(added);
            tm.setAnnotations(SealedSecretSealer.withScope(annotations, scope));
        }
    }

    /** Unseals SealedSecrets offline with the given private keys and prints the Secrets the controller would write. */
    public static String recoveryUnseal(String input, List<SealingKey> keys, boolean yaml) throws SealingException {
        UnsealedSecretShaper shaper = new UnsealedSecretShaper(TemplateData.standard());
        List<Object> out = new ArrayList<>();
        for (SealedSecret sealedSecret : sealedSecrets(input)) {
            Secret secret;
            try {
                secret = shaper.shape(sealedSecret, SealedSecretUnsealer.unseal(sealedSecret, keys).values());
            } catch (SealingException e) {
                throw new SealingException(sealedSecret.getMetadata().getNamespace() + "/"
                        + sealedSecret.getMetadata().getName() + ": " + e.getMessage());
            }
            secret.setApiVersion("v1");
            secret.setKind("Secret");
            secret.getMetadata().setOwnerReferences(null);
            out.add(secret);
        }
        return write(out, yaml);
    }

    public static List<SealedSecret> sealedSecrets(String input) throws SealingException {
        List<SealedSecret> out = new ArrayList<>();
        for (ObjectNode doc : documents(input)) {
            if (!SealedSecret.KIND.equals(doc.path("kind").asText())) {
                throw new SealingException("expected a SealedSecret, got " + kindOf(doc));
            }
            out.add(Documents.as(doc, SealedSecret.class));
        }
        return out;
    }

    /**
     * The kind a document names, quoted only when it looks like a kind: in a mangled file the
     * "kind" can run on into a secret value, and an error line must not print that.
     */
    static String kindOf(ObjectNode doc) {
        String kind = doc.path("kind").asText();
        if (kind.isEmpty()) {
            return "a document without a kind";
        }
        return kind.matches("[A-Za-z][A-Za-z0-9]{0,62}") ? "kind \"" + kind + "\"" : "a document whose kind is not a valid kind name";
    }

    private static List<Secret> secrets(String input) throws SealingException {
        List<Secret> out = new ArrayList<>();
        for (ObjectNode doc : documents(input)) {
            if (!"Secret".equals(doc.path("kind").asText())) {
                throw new SealingException("expected a Secret, got " + kindOf(doc));
            }
            Secret secret = Documents.as(doc, Secret.class);
            if (secret.getMetadata() == null) {
                secret.setMetadata(new ObjectMeta());
            }
            out.add(secret);
        }
        return out;
    }

    private static List<ObjectNode> documents(String input) throws SealingException {
        try {
            List<ObjectNode> docs = Documents.read(input, "input");
            if (docs.isEmpty()) {
                throw new SealingException("no object in the input");
            }
            return docs;
        } catch (IOException e) {
            throw new SealingException(e.getMessage());
        }
    }

    /**
     * Objects as kubeseal prints them: JSON objects one after another, or YAML documents each
     * opened by {@code ---} (the first included).
     */
    public static String write(List<Object> objects, boolean yaml) {
        StringBuilder out = new StringBuilder();
        for (Object o : objects) {
            if (yaml) {
                out.append("---\n");
            }
            out.append(Documents.write(o, yaml));
        }
        return out.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
