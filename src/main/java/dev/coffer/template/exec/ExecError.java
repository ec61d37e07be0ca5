package dev.coffer.template.exec;

import dev.coffer.template.parse.Position;

/** An execution failure, already formatted as Go does: {@code template: NAME:L:C: executing "T" at <node>: msg}. */
public final class ExecError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Position position;
    private final String detail;

    ExecError(String message, String detail, Position position) {
        super(message, null, false, false);
        this.position = position;
        this.detail = detail;
    }

    /** The end of the message that was computed at run time (it may quote data); the rest names the template. */
    public String detail() {
        return detail;
    }

    public Position position() {
        return position;
    }
}
