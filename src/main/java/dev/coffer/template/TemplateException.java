package dev.coffer.template;

import dev.coffer.template.parse.Position;

/**
 * A template failed to parse or to execute.
 *
 * <p>The message follows Go's {@code text/template} layout ({@code template: NAME:LINE:COL: ...}) and
 * names only template positions, keys and functions: secret values flow through templates, so no
 * data value ever reaches a message.
 */
public class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Position position;

    public TemplateException(String message, Position position) {
        super(message);
        this.position = position;
    }

    /** Name of the template (as given to parse) in which the error sits. */
    public String templateName() {
        return position.templateName();
    }

    /** 1-based line of the error (0 when the error concerns the whole set). */
    public int line() {
        return position.line();
    }

    /** 0-based byte offset within the line, as Go reports it. */
    public int column() {
        return position.column();
    }
}
