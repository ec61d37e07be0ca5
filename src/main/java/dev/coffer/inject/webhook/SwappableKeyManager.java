package dev.coffer.inject.webhook;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * The webhook's one serving key, replaceable while the server runs: a rotated certificate is
 * served from the next TLS handshake on, without restarting the listener.
 */
final class SwappableKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "webhook";

    private record Current(PrivateKey key, X509Certificate[] chain) {
    }

    private volatile Current current;

    void use(PrivateKey key, X509Certificate... chain) {
        current = new Current(key, chain.clone());
    }

    boolean hasKey() {
        return current != null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current == null ? null : ALIAS;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current == null ? null : ALIAS;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Current c = current;
        return c == null ? null : c.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Current c = current;
        return c == null ? null : c.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current == null ? null : new String[]{ALIAS};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
