package dev.coffer.template;

/**
 * A template failed to parse or to execute.
 *
 * <p>The message follows Go's {@code text/template} layout ({@code template: NAME:LINE:COL: ...}) and
 * names only template positions, keys and functions: secret values flow through templates, so no
 * data value ever reaches a message.
 */
public class TemplateException extends Exception {
    private final String templateName;
    private final int line;
    private final int column;

    public TemplateException(String message, String templateName, int line, int column) {
        super(message);
        this.templateName = templateName;
        this.line = line;
        this.column = column;
    }

    /** Name of the template (as given to parse) in which the error sits. */
    public String templateName() {
        return templateName;
    }

    /** 1-based line of the error. */
    public int line() {
        return line;
    }

    /** 0-based byte offset within the line, as Go reports it. */
    public int column() {
        return column;
    }
}
