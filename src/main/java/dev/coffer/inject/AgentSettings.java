package dev.coffer.inject;

import java.util.function.Supplier;

/**
 * How injected agent containers are made.
 *
 * @param image         Coffer's image, run in its {@code agent} mode
 * @param vaultAddress  the Vault address the agent logs in to (an annotation may override it later)
 * @param renderUrl     the operator's render endpoint, which agents of {@code coffer.dev/inject} pods call
 * @param caBundle      the PEM of the CA that signs the operator's serving certificate, now (it rotates)
 * @param tokenAudience the audience of the projected service-account token those agents present
 */
public record AgentSettings(String image, String vaultAddress, String renderUrl, Supplier<String> caBundle,
                            String tokenAudience) {

    public static final String DEFAULT_AUDIENCE = "coffer-inject";

    /** For Vault injection only (no render endpoint). */
    public AgentSettings(String image, String vaultAddress) {
        this(image, vaultAddress, "", () -> "", DEFAULT_AUDIENCE);
    }

    public AgentSettings withVaultAddress(String address) {
        return new AgentSettings(image, address, renderUrl, caBundle, tokenAudience);
    }
}
