package dev.coffer.template.parse;

/** One lexical item of a template, with its byte offset in the source (Go positions are byte offsets). */
record Token(Type type, String text, int pos) {
    enum Type {
        TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE, FIELD, VARIABLE, IDENTIFIER, STRING, RAW_STRING, CHAR_CONSTANT,
        NUMBER, BOOL, NIL, DOT, PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, CHAR, EOF,
        // keywords
        BLOCK, BREAK, CONTINUE, DEFINE, ELSE, END, IF, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    /** Go's item.String(), used in "unexpected X in Y" messages. */
    String describe() {
        if (type == Type.EOF) {
            return "EOF";
        }
        if (type.isKeyword()) {
            return "<" + text + ">";
        }
        if (text.codePointCount(0, text.length()) > 10) {
            int end = text.offsetByCodePoints(0, 10);
            return dev.coffer.template.gofmt.GoQuote.quote(text.substring(0, end)) + "...";
        }
        return dev.coffer.template.gofmt.GoQuote.quote(text);
    }
}
