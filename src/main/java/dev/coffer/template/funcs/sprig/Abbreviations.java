package dev.coffer.template.funcs.sprig;

/** Text shaping from Masterminds/goutils that sprig exposes: abbreviate, wrap, initials, case helpers. */
final class Abbreviations {
    private Abbreviations() {
    }

    /** goutils.AbbreviateFull: keep up to maxWidth characters around offset, marking cuts with "...". */
    static String abbreviateFull(String str, int offset, int maxWidth) {
        if (str.length() <= maxWidth) {
            return str;
        }
        int len = str.length();
        if (offset > len) {
            offset = len;
        }
        if (len - offset < maxWidth - 3) {
            offset = len - (maxWidth - 3);
        }
        if (offset <= 4) {
            return str.substring(0, maxWidth - 3) + "...";
        }
        if (maxWidth < 7) {
            return str; // goutils returns an error here, which sprig discards along with the text
        }
        if (offset + maxWidth - 3 < len) {
            return "..." + abbreviateFull(str.substring(offset), 0, maxWidth - 3);
        }
        return "..." + str.substring(len - (maxWidth - 3));
    }

    /** goutils.WrapCustom: wraps at spaces to lines of at most wrapLength. */
    static String wrap(String str, int wrapLength, String newLine, boolean wrapLongWords) {
        if (str.isEmpty()) {
            return "";
        }
        if (newLine.isEmpty()) {
            newLine = "\n";
        }
        if (wrapLength < 1) {
            wrapLength = 1;
        }
        int inputLength = str.length();
        int offset = 0;
        StringBuilder out = new StringBuilder();
        while (inputLength - offset > wrapLength) {
            if (str.charAt(offset) == ' ') {
                offset++;
                continue;
            }
            int end = Math.min(wrapLength + offset + 1, inputLength);
            int spaceToWrapAt = str.substring(offset, end).lastIndexOf(' ') + offset;
            if (spaceToWrapAt >= offset) {
                out.append(str, offset, spaceToWrapAt).append(newLine);
                offset = spaceToWrapAt + 1;
            } else if (wrapLongWords) {
                out.append(str, offset, wrapLength + offset).append(newLine);
                offset += wrapLength;
            } else {
                int from = wrapLength + offset;
                int index = str.indexOf(' ', from);
                if (index < 0) {
                    out.append(str, offset, inputLength);
                    offset = inputLength;
                } else {
                    out.append(str, offset, index).append(newLine);
                    offset = index + 1;
                }
            }
        }
        out.append(str.substring(offset));
        return out.toString();
    }

    /** goutils.Initials: the first letter of each whitespace-separated word. */
    static String initials(String str) {
        StringBuilder sb = new StringBuilder();
        boolean lastWasGap = true;
        for (int i = 0; i < str.length(); ) {
            int cp = str.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                lastWasGap = true;
            } else if (lastWasGap) {
                sb.appendCodePoint(cp);
                lastWasGap = false;
            }
        }
        return sb.toString();
    }

    /** goutils.Uncapitalize: lower-cases the first letter of each whitespace-separated word. */
    static String untitle(String str) {
        StringBuilder sb = new StringBuilder();
        boolean lastWasGap = true;
        for (int i = 0; i < str.length(); ) {
            int cp = str.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                lastWasGap = true;
                sb.appendCodePoint(cp);
            } else {
                sb.appendCodePoint(lastWasGap ? Character.toLowerCase(cp) : cp);
                lastWasGap = false;
            }
        }
        return sb.toString();
    }

    /** Go's strings.Title: upper-cases letters that follow a separator (not letter, digit or underscore). */
    static String title(String str) {
        StringBuilder sb = new StringBuilder();
        int prev = ' ';
        for (int i = 0; i < str.length(); ) {
            int cp = str.codePointAt(i);
            i += Character.charCount(cp);
            sb.appendCodePoint(isSeparator(prev) ? Character.toTitleCase(cp) : cp);
            prev = cp;
        }
        return sb.toString();
    }

    private static boolean isSeparator(int r) {
        if (r <= 0x7F) {
            return !((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_');
        }
        if (Character.isLetter(r) || Character.isDigit(r)) {
            return false;
        }
        return Character.isWhitespace(r);
    }

    /** goutils.SwapCase. */
    static String swapCase(String str) {
        StringBuilder sb = new StringBuilder();
        str.codePoints().forEach(cp -> {
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                sb.appendCodePoint(Character.toLowerCase(cp));
            } else if (Character.isLowerCase(cp)) {
                sb.appendCodePoint(Character.toUpperCase(cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
