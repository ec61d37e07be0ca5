package dev.coffer.sync;

import dev.coffer.api.externalsecrets.v1.ExternalSecretRewrite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code dataFrom[].rewrite} steps in order. A regexp step replaces every match in each
 * key; Go's {@code $1} and {@code ${1}} references work. A transform step renders its template
 * with {@code .value} bound to the key, through the template seam.
 */
final class KeyRewriter {

    private static final Pattern GO_NAMED_REF = Pattern.compile("\\$\\{(\\w+)}");

    private KeyRewriter() {
    }

    static Map<String, byte[]> rewrite(Map<String, byte[]> data, List<ExternalSecretRewrite> steps, SecretTemplater templater) {
        if (steps == null || steps.isEmpty()) {
            return data;
        }
        Map<String, byte[]> current = data;
        for (int i = 0; i < steps.size(); i++) {
            ExternalSecretRewrite step = steps.get(i);
            String where = "rewrite[" + i + "]";
            Map<String, byte[]> next = new LinkedHashMap<>();
            if (step.regexp != null) {
                Pattern source = ExternalSecretValidator.compile(step.regexp.source, where + ".regexp.source");
                String target = javaReplacement(step.regexp.target == null ? "" : step.regexp.target);
                for (Map.Entry<String, byte[]> e : current.entrySet()) {
                    next.put(source.matcher(e.getKey()).replaceAll(target), e.getValue());
                }
            } else if (step.transform != null) {
                for (Map.Entry<String, byte[]> e : current.entrySet()) {
                    next.put(templater.transformKey(step.transform.template, e.getKey(), where), e.getValue());
                }
            } else if (step.merge != null) {
                throw new InvalidSpecException(where + ".merge is not supported by Coffer yet");
            } else {
                next.putAll(current);
            }
            current = next;
        }
        return current;
    }

    /** Go's regexp expands $1 and ${1}/${name}; Java uses $1 and ${name} only for named groups. */
    private static String javaReplacement(String goTemplate) {
        Matcher m = GO_NAMED_REF.matcher(goTemplate);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            m.appendReplacement(sb, Matcher.quoteReplacement(ref.chars().allMatch(Character::isDigit) ? "$" + ref : "${" + ref + "}"));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
