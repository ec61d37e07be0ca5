package dev.coffer.inject.agent;

import dev.coffer.inject.InjectedFile;
import dev.coffer.redaction.ValueRedactor;
import dev.coffer.template.GoTemplate;
import dev.coffer.template.TemplateException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.EsoFunctionSet;
import dev.coffer.template.funcs.ParamType;
import dev.coffer.template.parse.Position;
import dev.coffer.template.gofmt.GoQuote;
import dev.coffer.template.value.GoValues;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders one injected file with consul-template's template form, as the Vault agent does:
 * {@code {{ with secret "path" }}...{{ end }}}, {@code .Data.data.x} for KV v2, {@code .Data.x} for
 * KV v1 and dynamic secrets. Without a template, the agent's default: one {@code key: value} line
 * per field of {@code .Data}. Secrets come from the {@link SecretCache}.
 */
public final class FileTemplates {

    private FileTemplates() {
    }

    /** The Vault agent injector's template for a file without {@code agent-inject-template-<name>}. */
    public static String defaultTemplate(String path) {
        return "{{ with secret " + GoQuote.quote(path) + " }}{{ range $k, $v := .Data }}{{ $k }}: {{ $v }}\n{{ end }}{{ end }}";
    }

    /** Renders the file; an error quotes no value the template read (it is redacted, as on every template path). */
    public static byte[] render(InjectedFile file, SecretCache secrets) throws TemplateException {
        String text = file.template() == null || file.template().isBlank() ? defaultTemplate(file.path()) : file.template();
        List<byte[]> read = new ArrayList<>();
        FunctionRegistry functions = EsoFunctionSet.standardWith(b -> b.addVariadic("secret", args -> {
            List<String> rest = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                rest.add(GoValues.str(args[i]));
            }
            Map<String, Object> value = secrets.get(GoValues.str(args[0]), rest).value();
            collectLeaves(value, read);
            return value;
        }, ParamType.STRING, ParamType.STRING));
        GoTemplate parsed = GoTemplate.parse(file.name(), text, functions);
        try {
            return parsed.executeBytes(null, GoTemplate.MissingKey.DEFAULT);
        } catch (TemplateException e) {
            throw new TemplateException(ValueRedactor.of(read).redact(e.getMessage(), e.detail()), "", position(e));
        }
    }

    private static Position position(TemplateException e) {
        return new Position(e.templateName(), e.line(), e.column());
    }

    /** Every scalar in a secret's answer ({@code .Data.data.x} sits two maps deep for KV v2). */
    private static void collectLeaves(Object node, List<byte[]> into) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectLeaves(v, into));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectLeaves(v, into));
        } else if (node != null) {
            into.add(String.valueOf(node).getBytes(StandardCharsets.UTF_8));
        }
    }
}
