package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;
import dev.coffer.api.externalsecrets.v1.TemplateMergePolicy;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape step: provider data in, desired Secret out. Pure. Key precedence follows upstream:
 * template data over templateFrom over provider data (the templater orders the first two;
 * mergePolicy Merge keeps provider keys the template does not set).
 */
public final class SecretShaper {

    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private SecretShaper() {
    }

    public static DesiredSecret shape(ExternalSecret es, Map<String, byte[]> providerData,
                                      SecretTemplater templater, TemplateSources sources) {
        ExternalSecretTemplate template = es.getSpec().target == null ? null : es.getSpec().target.template;
        Map<String, byte[]> data;
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> annotations = new TreeMap<>();
        String type = "Opaque";
        if (template == null) {
            data = providerData;
            copyMetadata(es, labels, annotations);
        } else {
            TemplatedSecret rendered = templater.render(template, providerData, sources);
            boolean merge = template.mergePolicy == TemplateMergePolicy.Merge;
            data = new LinkedHashMap<>();
            if (merge) {
                data.putAll(providerData);
            }
            data.putAll(rendered.data());
            labels.putAll(rendered.labels());
            annotations.putAll(rendered.annotations());
            if (template.type != null && !template.type.isEmpty()) {
                type = template.type;
            }
        }
        SecretKeys.check(data.keySet());
        labels.put(ManagedSecret.LABEL_MANAGED, "true");
        return new DesiredSecret(es.getMetadata().getNamespace(), Policies.targetName(es), type,
                labels, annotations, encode(data), Policies.immutable(es.getSpec()));
    }

    private static void copyMetadata(ExternalSecret es, Map<String, String> labels, Map<String, String> annotations) {
        if (es.getMetadata().getLabels() != null) {
            labels.putAll(es.getMetadata().getLabels());
        }
        if (es.getMetadata().getAnnotations() != null) {
            annotations.putAll(es.getMetadata().getAnnotations());
            annotations.remove(LAST_APPLIED);
        }
    }

    private static Map<String, String> encode(Map<String, byte[]> data) {
        Map<String, String> out = new TreeMap<>();
        Base64.Encoder enc = Base64.getEncoder();
        data.forEach((k, v) -> out.put(k, enc.encodeToString(v)));
        return out;
    }
}
