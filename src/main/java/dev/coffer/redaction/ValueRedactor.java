package dev.coffer.redaction;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.coffer.template.gofmt.GoQuote;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps secret values out of error messages, whatever their length. A message that could quote
 * data (a template's {@code fail}, a function parsing a value) is cleaned before it reaches a
 * status, an event, a log line or a command's stderr.
 *
 * <p>Each value is looked for as written, Go-quoted ({@code printf "%q"}), JSON-escaped and in
 * base64. A form of {@value #SHORT} characters or more is replaced by {@value #MARK}. A shorter
 * one cannot be cut out without mangling the words around it (a value {@code e} is in every
 * sentence), so when one occurs in the part that may quote data, that whole part is withheld: a
 * less helpful message, never a leaked PIN.
 */
public final class ValueRedactor {

    public static final String MARK = "<redacted>";
    public static final String WITHHELD = "(details withheld: they may quote a secret value)";
    static final int SHORT = 4;

    private final List<String> longForms;
    private final List<String> shortForms;

    private ValueRedactor(Set<String> forms) {
        this.longForms = forms.stream().filter(f -> f.length() >= SHORT)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        this.shortForms = forms.stream().filter(f -> f.length() < SHORT).toList();
    }

    /** A redactor for these values (raw bytes, as fetched or decrypted); empty values are ignored. */
    public static ValueRedactor of(Collection<byte[]> values) {
        Set<String> forms = new LinkedHashSet<>();
        for (byte[] v : values) {
            if (v == null || v.length == 0) {
                continue;
            }
            String text = new String(v, StandardCharsets.UTF_8);
            forms.add(text);
            String goQuoted = GoQuote.quote(text);
            forms.add(goQuoted.substring(1, goQuoted.length() - 1));
            forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(text)));
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(v));
        }
        forms.remove("");
        return new ValueRedactor(forms);
    }

    /**
     * A message whose end, {@code detail}, was computed from data (empty or absent: nothing was).
     * The rest names the failing place and is only cleaned of long forms; the detail is cleaned
     * of all, or withheld.
     */
    public String redact(String message, String detail) {
        if (message == null) {
            return null;
        }
        if (detail == null || detail.isEmpty() || !message.endsWith(detail)) {
            return detail == null || detail.isEmpty() ? replaceLong(message) : redact(message);
        }
        String head = message.substring(0, message.length() - detail.length());
        return replaceLong(head) + redact(detail);
    }

    /** Text that as a whole may quote data. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String blanked = text;
        for (String form : longForms) {
            blanked = blanked.replace(form, "\u0000");
        }
        for (String form : shortForms) {
            if (blanked.contains(form)) {
                return WITHHELD;
            }
        }
        return blanked.replace("\u0000", MARK);
    }

    private String replaceLong(String text) {
        String out = text;
        for (String form : longForms) {
            out = out.replace(form, MARK);
        }
        return out;
    }
}
