package dev.coffer.template.parse;

import dev.coffer.template.gofmt.GoQuote;
import dev.coffer.template.parse.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits template text into tokens following Go's text/template lexer: text outside actions,
 * trim markers ({@code "{{- "} and {@code " -}}"}), comments, and the items inside actions.
 * Lexing is done eagerly; a lexical error becomes a {@link ParseError} at its position.
 */
final class Lexer {
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private static final Map<String, Type> KEYWORDS = Map.ofEntries(
            Map.entry("block", Type.BLOCK), Map.entry("break", Type.BREAK), Map.entry("continue", Type.CONTINUE),
            Map.entry("define", Type.DEFINE), Map.entry("else", Type.ELSE), Map.entry("end", Type.END),
            Map.entry("if", Type.IF), Map.entry("range", Type.RANGE), Map.entry("nil", Type.NIL),
            Map.entry("template", Type.TEMPLATE), Map.entry("with", Type.WITH));

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int parenDepth;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> lex(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < input.length()) {
            int x = input.indexOf(LEFT, pos);
            if (x < 0) {
                emit(Type.TEXT, pos, input.length());
                pos = input.length();
                break;
            }
            int textEnd = x;
            if (hasLeftTrimMarker(x + LEFT.length())) {
                textEnd = trimRight(pos, x);
            }
            if (textEnd > pos) {
                emit(Type.TEXT, pos, textEnd);
            }
            pos = x;
            lexLeftDelim();
        }
        tokens.add(new Token(Type.EOF, "", input.length()));
    }

    private void lexLeftDelim() {
        int start = pos;
        pos += LEFT.length();
        boolean trim = hasLeftTrimMarker(pos);
        int afterMarker = trim ? 2 : 0;
        if (input.startsWith("/*", pos + afterMarker)) {
            pos += afterMarker;
            lexComment();
            return;
        }
        tokens.add(new Token(Type.LEFT_DELIM, LEFT, start));
        pos += afterMarker;
        parenDepth = 0;
        lexInsideAction();
    }

    private void lexComment() {
        int start = pos;
        pos += 2;
        int x = input.indexOf("*/", pos);
        if (x < 0) {
            throw new ParseError(start, "unclosed comment");
        }
        pos = x + 2;
        int delim = rightDelimAt(pos);
        if (delim < 0) {
            throw new ParseError(start, "comment ends before closing delimiter");
        }
        finishRightDelim(delim == 1, false);
    }

    /** Returns -1 if no right delimiter starts at p, 0 for a plain one, 1 for a trim-marked one. */
    private int rightDelimAt(int p) {
        if (p + 1 < input.length() && isSpace(input.charAt(p)) && input.charAt(p + 1) == '-'
                && input.startsWith(RIGHT, p + 2)) {
            return 1;
        }
        return input.startsWith(RIGHT, p) ? 0 : -1;
    }

    private void finishRightDelim(boolean trim, boolean emit) {
        if (trim) {
            pos += 2;
        }
        if (emit) {
            tokens.add(new Token(Type.RIGHT_DELIM, RIGHT, pos));
        }
        pos += RIGHT.length();
        if (trim) {
            while (pos < input.length() && isSpace(input.charAt(pos))) {
                pos++;
            }
        }
    }

    private void lexInsideAction() {
        while (true) {
            int delim = rightDelimAt(pos);
            if (delim >= 0) {
                if (parenDepth != 0) {
                    throw new ParseError(pos, "unclosed left paren");
                }
                finishRightDelim(delim == 1, true);
                return;
            }
            if (pos >= input.length()) {
                throw new ParseError(pos, "unclosed action");
            }
            int start = pos;
            char c = input.charAt(pos);
            if (isSpace(c)) {
                lexSpace();
                continue;
            }
            pos++;
            switch (c) {
                case '=' -> emit(Type.ASSIGN, start, pos);
                case ':' -> {
                    if (pos >= input.length() || input.charAt(pos) != '=') {
                        throw new ParseError(start, "expected :=");
                    }
                    pos++;
                    emit(Type.DECLARE, start, pos);
                }
                case '|' -> emit(Type.PIPE, start, pos);
                case '"' -> lexQuote(start);
                case '`' -> lexRawQuote(start);
                case '$' -> lexFieldOrVariable(start, Type.VARIABLE);
                case '\'' -> lexChar(start);
                case '(' -> {
                    emit(Type.LEFT_PAREN, start, pos);
                    parenDepth++;
                }
                case ')' -> {
                    emit(Type.RIGHT_PAREN, start, pos);
                    parenDepth--;
                    if (parenDepth < 0) {
                        throw new ParseError(start, "unexpected right paren");
                    }
                }
                default -> {
                    if (c == '.' && (pos >= input.length() || !isDigit(input.charAt(pos)))) {
                        lexFieldOrVariable(start, Type.FIELD);
                    } else if (c == '.' || c == '+' || c == '-' || isDigit(c)) {
                        pos = start;
                        lexNumber();
                    } else if (isAlphaNumeric(c)) {
                        pos = start;
                        lexIdentifier();
                    } else if (c < 0x80 && c >= 0x20 && c != 0x7f) {
                        emit(Type.CHAR, start, pos);
                    } else {
                        int cp = input.codePointAt(start);
                        throw new ParseError(start, "unrecognized character in action: " + describeRune(cp));
                    }
                }
            }
        }
    }

    private void lexSpace() {
        int start = pos;
        int spaces = 0;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            // stop before a trim-marked closing delimiter, whose marker needs its leading space
            if (rightDelimAt(pos) == 1) {
                break;
            }
            pos++;
            spaces++;
        }
        if (spaces > 0) {
            emit(Type.SPACE, start, pos);
        } else {
            // the space belongs to " -}}"; nothing to emit, the action loop will see the delimiter
            return;
        }
    }

    private void lexFieldOrVariable(int start, Type type) {
        if (atTerminator()) {
            emit(type == Type.VARIABLE ? Type.VARIABLE : Type.DOT, start, pos);
            return;
        }
        while (pos < input.length()) {
            int cp = input.codePointAt(pos);
            if (!isAlphaNumeric(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        if (!atTerminator()) {
            throw new ParseError(pos, "bad character " + describeRune(input.codePointAt(pos)));
        }
        emit(type, start, pos);
    }

    private void lexIdentifier() {
        int start = pos;
        while (pos < input.length()) {
            int cp = input.codePointAt(pos);
            if (!isAlphaNumeric(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        if (!atTerminator()) {
            throw new ParseError(pos, "bad character " + describeRune(input.codePointAt(pos)));
        }
        String word = input.substring(start, pos);
        Type keyword = KEYWORDS.get(word);
        if (keyword != null) {
            emit(keyword, start, pos);
        } else if (word.equals("true") || word.equals("false")) {
            emit(Type.BOOL, start, pos);
        } else {
            emit(Type.IDENTIFIER, start, pos);
        }
    }

    private boolean atTerminator() {
        if (pos >= input.length()) {
            return true;
        }
        char c = input.charAt(pos);
        if (isSpace(c)) {
            return true;
        }
        return switch (c) {
            case '.', ',', '|', ':', ')', '(' -> true;
            default -> input.startsWith(RIGHT, pos);
        };
    }

    private void lexQuote(int start) {
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new ParseError(start, "unterminated quoted string");
            }
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (pos >= input.length() || input.charAt(pos) == '\n') {
                    throw new ParseError(start, "unterminated quoted string");
                }
                pos++;
            } else if (c == '"') {
                break;
            }
        }
        emit(Type.STRING, start, pos);
    }

    private void lexRawQuote(int start) {
        int end = input.indexOf('`', pos);
        if (end < 0) {
            throw new ParseError(start, "unterminated raw quoted string");
        }
        pos = end + 1;
        emit(Type.RAW_STRING, start, pos);
    }

    private void lexChar(int start) {
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new ParseError(start, "unterminated character constant");
            }
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (pos >= input.length() || input.charAt(pos) == '\n') {
                    throw new ParseError(start, "unterminated character constant");
                }
                pos++;
            } else if (c == '\'') {
                break;
            }
        }
        emit(Type.CHAR_CONSTANT, start, pos);
    }

    private void lexNumber() {
        int start = pos;
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
            pos++;
            throw new ParseError(start, "bad number syntax: " + GoQuote.quote(input.substring(start, pos)));
        }
        emit(Type.NUMBER, start, pos);
    }

    private boolean accept(String valid) {
        if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // keep consuming
        }
    }

    private boolean hasLeftTrimMarker(int p) {
        return p + 1 < input.length() && input.charAt(p) == '-' && isSpace(input.charAt(p + 1));
    }

    private int trimRight(int from, int to) {
        int end = to;
        while (end > from && isSpace(input.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private void emit(Type type, int start, int end) {
        tokens.add(new Token(type, input.substring(start, end), start));
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlphaNumeric(int cp) {
        return cp == '_' || Character.isLetter(cp) || Character.isDigit(cp);
    }

    /** Go's {@code %#U}: {@code U+0023 '#'}. */
    static String describeRune(int cp) {
        String hex = String.format("U+%04X", cp);
        return GoQuote.isPrint(cp) ? hex + " '" + new String(Character.toChars(cp)) + "'" : hex;
    }
}
