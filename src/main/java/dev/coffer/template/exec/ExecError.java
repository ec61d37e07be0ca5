package dev.coffer.template.exec;

/** An execution failure, already formatted as Go does: {@code template: NAME:L:C: executing "T" at <node>: msg}. */
public final class ExecError extends RuntimeException {
    private final String templateName;
    private final int line;
    private final int column;

    ExecError(String message, String templateName, int line, int column) {
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
