package dev.coffer.inject;

/**
 * One file the agent renders.
 *
 * @param name     the {@code <name>} of {@code agent-inject-secret-<name>}
 * @param path     the Vault path to read
 * @param template a consul-template body, or null for the agent's default rendering
 * @param fileName the file under the secrets volume (defaults to {@code name})
 * @param perms    the file mode as an octal string (e.g. {@code 0400}), or null for the default
 */
public record InjectedFile(String name, String path, String template, String fileName, String perms) {
}
