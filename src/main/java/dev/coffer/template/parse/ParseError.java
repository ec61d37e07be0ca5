package dev.coffer.template.parse;

/** Raised inside the lexer and parser; carries the byte offset so the caller can report line and column. */
final class ParseError extends RuntimeException {
    final int pos;

    ParseError(int pos, String message) {
        super(message, null, false, false);
        this.pos = pos;
    }
}
