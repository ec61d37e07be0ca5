package dev.coffer.provider.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the SDK clients of one store: one pooled HTTP client shared by its Secrets Manager,
 * SSM and STS clients, the store's region, ESO's endpoint variables, adaptive retries and the
 * API-call counter. Closing it closes the HTTP client (the SDK leaves a given one open).
 */
final class AwsClients implements AutoCloseable {

    /** Enough for a burst of distinct keys; identical ones share calls before reaching here. */
    private static final int MAX_CONNECTIONS = 50;

    private final AwsOptions options;
    private final Region region;
    private final AwsEndpoints endpoints;
    private final SdkHttpClient http;

    AwsClients(AwsOptions options, String region) {
        this.options = options;
        this.region = Region.of(region);
        this.endpoints = new AwsEndpoints(options.env());
        this.http = Apache5HttpClient.builder()
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    SecretsManagerClient secretsManager(AwsCredentialsProvider credentials) {
        return configure(SecretsManagerClient.builder(), "AWS/SecretsManager", endpoints.secretsManager(), credentials);
    }

    SsmClient ssm(AwsCredentialsProvider credentials) {
        return configure(SsmClient.builder(), "AWS/ParameterStore", endpoints.ssm(), credentials);
    }

    StsClient sts(AwsCredentialsProvider credentials) {
        return configure(StsClient.builder(), "AWS/STS", endpoints.sts(), credentials);
    }

    EcrClient ecr(AwsCredentialsProvider credentials) {
        return configure(EcrClient.builder(), "AWS/ECR", endpoints.ecr(), credentials);
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C configure(
            B builder, String metricProvider, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(options.retry().get())
                        .addExecutionInterceptor(new ApiCallMetrics(options.meters(), metricProvider))
                        .build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public void close() {
        http.close();
    }
}
