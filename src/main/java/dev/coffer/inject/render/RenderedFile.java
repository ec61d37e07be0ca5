package dev.coffer.inject.render;

/**
 * One file as the operator serves it to a pod's agent.
 *
 * @param name     the {@code <name>} of its annotations
 * @param fileName the file under the secrets volume
 * @param perms    the octal mode, or null for the default
 * @param content  the rendered bytes (the secret: never logged)
 */
public record RenderedFile(String name, String fileName, String perms, byte[] content) {
}
