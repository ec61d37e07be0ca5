package dev.coffer.provider.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One step of a credential chain (a role assumption, a web-identity exchange) that names
 * itself when it fails, so a denied AssumeRole says which role, even when the failure surfaces
 * inside a Secrets Manager call.
 */
final class StepCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    private final AwsCredentialsProvider delegate;
    private final String operation;
    private final String subject;
    private final String region;

    StepCredentials(AwsCredentialsProvider delegate, String operation, String subject, String region) {
        this.delegate = delegate;
        this.operation = operation;
        this.subject = subject;
        this.region = region;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return delegate.resolveCredentials();
        } catch (RuntimeException e) {
            throw AwsErrors.map(e, operation, subject, region);
        }
    }

    @Override
    public void close() {
        if (delegate instanceof SdkAutoCloseable c) {
            c.close();
        }
    }
}
