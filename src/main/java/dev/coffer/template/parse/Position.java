package dev.coffer.template.parse;

/** Where in which template something went wrong: 1-based line, 0-based byte column (Go's convention). */
public record Position(String templateName, int line, int column) {
}
