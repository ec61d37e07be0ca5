package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecretRewrite;
import dev.coffer.gocompat.GoRegexp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code dataFrom[].rewrite} steps in order, in any mix, as upstream. A regexp step
 * replaces every match in each key by Go's ReplaceAllString ({@link GoRegexp}: RE2 syntax,
 * {@code $1}, {@code ${1}}, {@code ${name}}, Go's empty-match rule). A transform step renders its
 * template with {@code .value} bound to the key, through the template seam. A merge step merges
 * the JSON values ({@link ValueMerger}).
 */
public final class KeyRewriter {

    private KeyRewriter() {
    }

    public static Map<String, byte[]> rewrite(Map<String, byte[]> data, List<ExternalSecretRewrite> steps, SecretTemplater templater) {
        if (steps == null || steps.isEmpty()) {
            return data;
        }
        Map<String, byte[]> current = data;
        for (int i = 0; i < steps.size(); i++) {
            ExternalSecretRewrite step = steps.get(i);
            String where = "rewrite[" + i + "]";
            Map<String, byte[]> next = new LinkedHashMap<>();
            if (step.merge != null) {
                next = ValueMerger.merge(step.merge, current, where + ".merge");
            } else if (step.regexp != null) {
                GoRegexp source = ExternalSecretValidator.compile(step.regexp.source, where + ".regexp.source");
                String target = step.regexp.target == null ? "" : step.regexp.target;
                for (Map.Entry<String, byte[]> e : current.entrySet()) {
                    next.put(source.replaceAll(e.getKey(), target, false), e.getValue());
                }
            } else if (step.transform != null) {
                for (Map.Entry<String, byte[]> e : current.entrySet()) {
                    next.put(templater.transformKey(step.transform.template, e.getKey(), where), e.getValue());
                }
            } else {
                next.putAll(current);
            }
            current = next;
        }
        return current;
    }
}
