package dev.coffer.inject.agent;

import dev.coffer.inject.InjectedFile;
import dev.coffer.template.GoTemplate;
import dev.coffer.template.TemplateException;
import dev.coffer.template.funcs.FunctionRegistry;
import dev.coffer.template.EsoFunctionSet;
import dev.coffer.template.funcs.ParamType;
import dev.coffer.template.gofmt.GoQuote;
import dev.coffer.template.value.GoValues;

import java.util.ArrayList;
import java.util.List;

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

    public static byte[] render(InjectedFile file, SecretCache secrets) throws TemplateException {
        String text = file.template() == null || file.template().isBlank() ? defaultTemplate(file.path()) : file.template();
        FunctionRegistry functions = EsoFunctionSet.standardWith(b -> b.addVariadic("secret", args -> {
            List<String> rest = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                rest.add(GoValues.str(args[i]));
            }
            return secrets.get(GoValues.str(args[0]), rest).value();
        }, ParamType.STRING, ParamType.STRING));
        return GoTemplate.parse(file.name(), text, functions).executeBytes(null, GoTemplate.MissingKey.DEFAULT);
    }
}
