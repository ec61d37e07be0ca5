package dev.coffer.inject.agent;

import dev.coffer.inject.AgentTlsSettings;
import dev.coffer.inject.agent.SecretsAgent.AgentException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The agent's TLS context for Vault from the pod's {@code vault.hashicorp.com/} TLS annotations,
 * or null for the JVM's defaults: the CA file to trust ({@code ca-cert}), the name the server's
 * certificate must carry in place of the address's host ({@code tls-server-name}; the SNI sent
 * stays the address's host, which the JDK's HTTP client sets), or no verification
 * ({@code tls-skip-verify}, as the Vault agent's, for labs).
 *
 * <p>With {@code tls-server-name}, the JDK's check of the dialled host is replaced, not added to:
 * the chain is checked by the platform's trust manager, the names by {@link ForServerName}.
 */
public final class VaultAgentTls {

    private VaultAgentTls() {
    }

    public static SSLContext context(AgentTlsSettings tls) throws AgentException {
        if (tls == null || tls.usesJvmDefaults()) {
            return null;
        }
        try {
            X509TrustManager trust = tls.skipVerify() ? new TrustingAll() : trustManager(tls.caCert());
            if (!tls.skipVerify() && tls.serverName() != null) {
                trust = new ForServerName(trust, tls.serverName());
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{trust}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new AgentException("cannot set up TLS for Vault: " + e.getClass().getSimpleName());
        }
    }

    private static X509TrustManager trustManager(String caCert) throws GeneralSecurityException, AgentException {
        KeyStore store = null;
        if (caCert != null) {
            byte[] pem;
            try {
                pem = Files.readAllBytes(Path.of(caCert));
            } catch (IOException e) {
                throw new AgentException("cannot read vault.hashicorp.com/ca-cert " + caCert + ": " + e.getClass().getSimpleName());
            }
            store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new AgentException("vault.hashicorp.com/ca-cert " + caCert + " holds no PEM certificate");
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager");
    }

    /**
     * Checks the server's chain against the CAs, then its names against a fixed name instead of
     * the host dialled, as Go's crypto/tls does with ServerName: subject alternative names only
     * (no common-name fallback), a wildcard only as a whole leftmost label, IP literals against
     * IP address names.
     */
    private static final class ForServerName extends X509ExtendedTrustManager {

        private static final int DNS = 2;
        private static final int IP = 7;

        private final X509TrustManager delegate;
        private final String serverName;

        ForServerName(X509TrustManager delegate, String serverName) {
            this.delegate = delegate;
            this.serverName = serverName.toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType); // the chain, without a host check
            if (chain == null || chain.length == 0 || !names(chain[0])) {
                throw new CertificateException("the server's certificate does not name " + serverName + " (tls-server-name)");
            }
        }

        private boolean names(X509Certificate cert) throws CertificateException {
            var sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return false;
            }
            boolean ipName = serverName.matches("[0-9.]+") || serverName.contains(":");
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                String value = String.valueOf(san.get(1)).toLowerCase(java.util.Locale.ROOT);
                if (ipName && type == IP && sameAddress(value)) {
                    return true;
                }
                if (!ipName && type == DNS && matches(value)) {
                    return true;
                }
            }
            return false;
        }

        private boolean sameAddress(String value) {
            try {
                return java.net.InetAddress.getByName(value).equals(java.net.InetAddress.getByName(serverName));
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }

        private boolean matches(String pattern) {
            String p = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (!p.startsWith("*.")) {
                return p.equals(serverName);
            }
            int dot = serverName.indexOf('.');
            return dot > 0 && serverName.substring(dot).equals(p.substring(1));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** {@code tls-skip-verify}: any certificate. */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the agent does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the agent does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the agent does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
