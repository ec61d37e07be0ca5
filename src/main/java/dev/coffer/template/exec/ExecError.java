package dev.coffer.template.exec;

import dev.coffer.template.parse.Position;

/** An execution failure, already formatted as Go does: {@code template: NAME:L:C: executing "T" at <node>: msg}. */
public final class ExecError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Position position;

    ExecError(String message, Position position) {
        super(message, null, false, false);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
