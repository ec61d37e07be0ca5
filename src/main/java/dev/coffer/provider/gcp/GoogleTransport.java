package dev.coffer.provider.gcp;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.core.ApiFunction;
import com.google.auth.http.HttpTransportFactory;
import dev.coffer.provider.ProviderException;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * How the provider reaches Google: the HTTP transport of the auth library (token endpoints, STS,
 * IAM) and the TLS of the gRPC channel. Both trust the JDK's CAs, or only the certificates of
 * {@link GcpOptions#CA_FILE} when it is set (a private endpoint, a test server).
 */
final class GoogleTransport {

    private final X509Certificate[] trusted;
    private final NetHttpTransport http;

    GoogleTransport(GcpOptions options) {
        String caFile = options.setting(GcpOptions.CA_FILE);
        this.trusted = caFile == null ? null : readCertificates(caFile);
        this.http = trusted == null ? new NetHttpTransport() : trustingHttp(trusted);
    }

    HttpTransportFactory httpFactory() {
        return () -> http;
    }

    /** Applied to the SDK's channel builder: the trusted CAs, when they are not the JDK's. */
    ApiFunction<ManagedChannelBuilder, ManagedChannelBuilder> channelConfigurator() {
        return builder -> {
            if (trusted == null) {
                return builder;
            }
            try {
                SslContext tls = GrpcSslContexts.forClient().trustManager(trusted).build();
                return ((NettyChannelBuilder) builder).sslContext(tls);
            } catch (IOException e) {
                throw ProviderException.invalidConfig(GcpOptions.CA_FILE + ": the certificates cannot be used for TLS");
            }
        };
    }

    private static NetHttpTransport trustingHttp(X509Certificate[] certs) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certs.length; i++) {
                store.setCertificateEntry("ca-" + i, certs[i]);
            }
            return new NetHttpTransport.Builder().trustCertificates(store).build();
        } catch (IOException | GeneralSecurityException e) {
            throw ProviderException.invalidConfig(GcpOptions.CA_FILE + ": the certificates cannot be used for TLS");
        }
    }

    private static X509Certificate[] readCertificates(String file) {
        try {
            byte[] pem = Files.readAllBytes(Path.of(file));
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certs.isEmpty()) {
                throw ProviderException.invalidConfig(GcpOptions.CA_FILE + " " + file + " holds no certificate");
            }
            return certs.stream().map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
        } catch (IOException | GeneralSecurityException e) {
            throw ProviderException.invalidConfig(GcpOptions.CA_FILE + " " + file + " cannot be read as PEM certificates");
        }
    }
}
