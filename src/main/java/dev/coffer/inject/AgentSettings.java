package dev.coffer.inject;

/**
 * How injected agent containers are made.
 *
 * @param image        Coffer's image, run in its {@code agent} mode
 * @param vaultAddress the Vault address the agent logs in to (an annotation may override it later)
 */
public record AgentSettings(String image, String vaultAddress) {
}
