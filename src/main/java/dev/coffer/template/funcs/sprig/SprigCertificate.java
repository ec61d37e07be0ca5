package dev.coffer.template.funcs.sprig;

import dev.coffer.template.value.TemplateObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** sprig's certificate struct: PEM {@code .Cert} and {@code .Key}, as genCA and friends return it. */
public final class SprigCertificate implements TemplateObject {
    private final String cert;
    private final String key;

    public SprigCertificate(String cert, String key) {
        this.cert = cert;
        this.key = key;
    }

    public String cert() {
        return cert;
    }

    public String key() {
        return key;
    }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "Cert" -> cert;
            case "Key" -> key;
            case "__json__" -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("Cert", cert);
                json.put("Key", key);
                yield json;
            }
            default -> NO_FIELD;
        };
    }

    @Override
    public String goTypeName() {
        return "sprig.certificate";
    }

    /** fmt's %v of a struct: {field field}. */
    @Override
    public String toString() {
        return "{" + cert + " " + key + "}";
    }
}
