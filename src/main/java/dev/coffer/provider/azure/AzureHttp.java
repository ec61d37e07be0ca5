package dev.coffer.provider.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import dev.coffer.provider.ProviderException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the provider reaches Azure: the JDK's HTTP client (not Netty) for Key Vault and the
 * authority alike, trusting the JDK's CAs, or only those of {@link AzureOptions#CA_FILE} when it
 * is set; and the SDK's retries of 429 and 5xx answers.
 */
final class AzureHttp {

    private AzureHttp() {
    }

    static HttpClient client(AzureOptions options) {
        java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
        String caFile = options.setting(AzureOptions.CA_FILE);
        if (caFile != null) {
            jdk.sslContext(trusting(caFile));
        }
        return new JdkHttpClientBuilder(jdk).connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    static RetryOptions retries(AzureOptions options) {
        return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(options.retries())
                .setBaseDelay(options.retryDelay()).setMaxDelay(options.maxRetryDelay()));
    }

    private static SSLContext trusting(String file) {
        try {
            byte[] pem = Files.readAllBytes(Path.of(file));
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certs.isEmpty()) {
                throw ProviderException.invalidConfig(AzureOptions.CA_FILE + " " + file + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw ProviderException.invalidConfig(AzureOptions.CA_FILE + " " + file + " cannot be read as PEM certificates");
        }
    }
}
