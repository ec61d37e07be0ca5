package dev.coffer.template.parse;

/** A parse failure, already formatted as {@code template: NAME:LINE:COL: message}. */
public final class TemplateSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Position position;

    TemplateSyntaxException(String message, Position position) {
        super(message, null, false, false);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
