package dev.coffer.template.parse;

/** A parse failure, already formatted as {@code template: NAME:LINE:COL: message}. */
public final class TemplateSyntaxException extends Exception {
    private final String templateName;
    private final int line;
    private final int column;

    TemplateSyntaxException(String message, String templateName, int line, int column) {
        super(message, null, false, false);
        this.templateName = templateName;
        this.line = line;
        this.column = column;
    }

    public String templateName() {
        return templateName;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
