package dev.coffer.provider.gcp;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.rpc.StatusCode;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.stub.SecretManagerServiceStubSettings;
import dev.coffer.provider.ProviderException;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Secret Manager SDK client of one store: its endpoint (Google's global or regional
 * one, or {@link GcpOptions#ENDPOINT}), TLS trust, the store's credentials, and bounded retries
 * of UNAVAILABLE and RESOURCE_EXHAUSTED on every read.
 */
final class SecretManagerConnection {

    private static final Set<StatusCode.Code> RETRYABLE = Set.of(StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.RESOURCE_EXHAUSTED);

    private SecretManagerConnection() {
    }

    static String endpoint(GcpOptions options, SecretNames names) {
        String override = options.setting(GcpOptions.ENDPOINT);
        return override == null ? names.defaultEndpoint() : override;
    }

    static SecretManagerServiceClient open(GcpOptions options, SecretNames names, GoogleTransport transport,
                                           GoogleCredentials credentials) {
        String endpoint = endpoint(options, names);
        SecretManagerServiceSettings.Builder settings = SecretManagerServiceSettings.newBuilder()
                .setEndpoint(endpoint)
                .setCredentialsProvider(FixedCredentialsProvider.create(credentials))
                .setTransportChannelProvider(SecretManagerServiceStubSettings.defaultGrpcTransportProviderBuilder()
                        .setChannelConfigurator(transport.channelConfigurator())
                        .build());
        settings.accessSecretVersionSettings().setRetrySettings(options.retry()).setRetryableCodes(RETRYABLE);
        settings.getSecretSettings().setRetrySettings(options.retry()).setRetryableCodes(RETRYABLE);
        settings.listSecretsSettings().setRetrySettings(options.retry()).setRetryableCodes(RETRYABLE);
        settings.listSecretVersionsSettings().setRetrySettings(options.retry()).setRetryableCodes(RETRYABLE);
        try {
            return SecretManagerServiceClient.create(settings.build());
        } catch (IOException | RuntimeException e) {
            throw ProviderException.invalidConfig("the Secret Manager client for endpoint " + endpoint
                    + " cannot be built (" + e.getClass().getSimpleName() + ")");
        }
    }

    static void close(SecretManagerServiceClient client) {
        client.shutdown();
        try {
            client.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
