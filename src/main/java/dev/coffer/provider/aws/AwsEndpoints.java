package dev.coffer.provider.aws;

import dev.coffer.provider.ProviderException;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Custom endpoints from the environment variables ESO honours. When none is set the SDK
 * resolves the endpoint itself, which includes its standard settings
 * ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL}, profile files, FIPS, ...).
 */
final class AwsEndpoints {

    static final String SECRETS_MANAGER = "AWS_SECRETSMANAGER_ENDPOINT";
    static final String SSM = "AWS_SSM_ENDPOINT";
    static final String STS = "AWS_STS_ENDPOINT";
    static final String ECR = "AWS_ECR_ENDPOINT";

    private final Function<String, String> env;

    AwsEndpoints(Function<String, String> env) {
        this.env = env;
    }

    Optional<URI> secretsManager() {
        return lookup(SECRETS_MANAGER);
    }

    Optional<URI> ssm() {
        return lookup(SSM);
    }

    Optional<URI> sts() {
        return lookup(STS);
    }

    Optional<URI> ecr() {
        return lookup(ECR);
    }

    private Optional<URI> lookup(String variable) {
        String raw = env.apply(variable);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(raw.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw ProviderException.invalidConfig("environment variable " + variable
                    + " is not a valid endpoint URL (expected e.g. https://host:port)");
        }
    }
}
