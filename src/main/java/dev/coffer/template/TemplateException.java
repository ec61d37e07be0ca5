package dev.coffer.template;

import dev.coffer.template.parse.Position;

/**
 * A template failed to parse or to execute.
 *
 * <p>The message follows Go's {@code text/template} layout ({@code template: NAME:LINE:COL: ...}) and
 * byte for byte, so a function's error (Go's {@code fail}, a parse of a value) can quote data:
 * {@link #detail()} is that part, which callers holding secrets redact.
 */
public class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Position position;
    private final String detail;

    public TemplateException(String message, Position position) {
        this(message, "", position);
    }

    /** An execution error whose message ends in {@code detail}, the part computed from the data. */
    public TemplateException(String message, String detail, Position position) {
        super(message);
        this.position = position;
        this.detail = detail;
    }

    /**
     * The end of the message that execution computed (a function's error, say), which can derive
     * from data and so quote a value; empty for parse errors, which see only template text.
     * Callers that hold secret data redact it from this part (see {@code dev.coffer.redaction}).
     */
    public String detail() {
        return detail;
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
