package dev.coffer.testsupport.aws;

/** An error the fake endpoint answers with, rendered in the protocol of the service asked. */
public final class AwsError extends RuntimeException {

    final int status;
    final String code;

    public AwsError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }
}
