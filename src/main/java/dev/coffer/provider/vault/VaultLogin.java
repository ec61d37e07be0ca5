package dev.coffer.provider.vault;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultException;

/** One way of obtaining a Vault token. Credentials are read at each login, so a re-login sees fresh ones. */
interface VaultLogin {

    /**
     * Logs in through {@code vault} (a driver instance without a token).
     *
     * @param namespace the Vault namespace of the auth mount, or null
     */
    Token login(Vault vault, String namespace) throws VaultException;

    /** Names the method and mount for messages, e.g. "kubernetes auth at auth/kubernetes". */
    String describe();

    /** A token as Vault issued it. A ttl of 0 means it does not expire. */
    record Token(String value, long ttlSeconds, boolean renewable) {

        @Override
        public String toString() {
            return "Token[ttlSeconds=" + ttlSeconds + ", renewable=" + renewable + "]";
        }
    }
}
