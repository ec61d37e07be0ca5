package dev.coffer.provider.aws;

import dev.coffer.provider.ProviderException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.net.UnknownHostException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns SDK failures into typed {@link ProviderException}s. Messages carry the operation, the
 * remote name and AWS's error code, never AWS's error text or the request (either could quote
 * a value), so they are safe to put in a status condition.
 */
final class AwsErrors {

    /** The remote secret does not exist (a missing SSM version is not that: the parameter exists). */
    private static final Set<String> NOT_FOUND = Set.of("ResourceNotFoundException", "ParameterNotFound");
    private static final Set<String> DENIED = Set.of(
            "AccessDeniedException", "AccessDenied", "UnrecognizedClientException", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "InvalidSignatureException", "ExpiredTokenException", "ExpiredToken",
            "IncompleteSignature", "MissingAuthenticationToken", "InvalidIdentityToken", "IDPRejectedClaim",
            "DecryptionFailure", "KMSAccessDeniedException");
    private static final Set<String> THROTTLING = Set.of(
            "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
            "ThrottledException", "ProvisionedThroughputExceededException", "RequestThrottled");

    private AwsErrors() {
    }

    /** Runs one AWS call, turning an SDK failure into a typed, value-free error (see {@link #map}). */
    static <T> T guard(String operation, String subject, String region, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw map(e, operation, subject, region);
        }
    }

    /**
     * @param operation the AWS operation, e.g. {@code GetSecretValue}
     * @param subject   what was asked for, e.g. {@code secret "db/password"}
     * @param region    the store's region, named when the endpoint cannot be reached
     */
    static ProviderException map(RuntimeException e, String operation, String subject, String region) {
        ProviderException wrapped = findProviderException(e);
        if (wrapped != null) {
            return wrapped; // raised inside credential resolution, already typed
        }
        AwsServiceException service = find(e, AwsServiceException.class);
        if (service != null) {
            return fromService(service, operation, subject);
        }
        if (find(e, UnknownHostException.class) != null) {
            return ProviderException.unavailable(operation + " for " + subject + ": the AWS endpoint for region \""
                    + region + "\" cannot be resolved; check spec.provider.aws.region (and any custom endpoint)", null);
        }
        if (e instanceof SdkException && String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            // The SDK default chain found nothing (no auth block in the store).
            return ProviderException.accessDenied(operation + " for " + subject + ": no AWS credentials found; set"
                    + " spec.provider.aws.auth, or give the operator credentials (environment, web identity"
                    + " token file, container or instance role)");
        }
        if (e instanceof SdkException) {
            return ProviderException.unavailable(operation + " for " + subject
                    + " failed: AWS could not be reached or its answer was not understood", null);
        }
        return ProviderException.unavailable(operation + " for " + subject + " failed unexpectedly ("
                + e.getClass().getSimpleName() + ")", null);
    }

    private static ProviderException fromService(AwsServiceException e, String operation, String subject) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String text = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return classify(code, text, e.statusCode(), e.isThrottlingException(), operation, subject);
    }

    /** An error reported per item inside a successful response (BatchGetSecretValue). */
    static ProviderException fromCode(String code, String operation, String subject) {
        return classify(code, null, 400, false, operation, subject);
    }

    private static ProviderException classify(String code, String text, int status, boolean throttling,
                                              String operation, String subject) {
        String tail = " (" + (code == null ? "HTTP " + status : code) + ")";
        if (code != null && NOT_FOUND.contains(code)) {
            return ProviderException.notFound(subject + " not found" + tail);
        }
        if ("ParameterVersionNotFound".equals(code)) {
            return ProviderException.missingValue(subject + " not found" + tail);
        }
        if (isMarkedForDeletion(code, text)) {
            // As upstream: a secret scheduled for deletion is treated as gone (deletionPolicy applies).
            return ProviderException.notFound(subject + " is marked for deletion" + tail);
        }
        if (throttling || status == 429 || (code != null && THROTTLING.contains(code))) {
            return ProviderException.throttled(operation + " for " + subject
                    + " was throttled by AWS even after adaptive retries" + tail + "; backing off");
        }
        if ((code != null && DENIED.contains(code)) || status == 403) {
            return ProviderException.accessDenied(operation + " for " + subject + " was denied" + tail
                    + "; check the store's credentials, role and IAM policy");
        }
        if (status >= 500) {
            return ProviderException.unavailable(operation + " for " + subject + " failed on the AWS side" + tail, null);
        }
        return ProviderException.invalidConfig(operation + " for " + subject + " was rejected by AWS" + tail);
    }

    /** Secrets Manager answers InvalidRequestException "...marked for deletion" (upstream also checks InvalidParameterException). */
    private static boolean isMarkedForDeletion(String code, String text) {
        return ("InvalidRequestException".equals(code) || "InvalidParameterException".equals(code))
                && text != null && text.contains("marked for deletion");
    }

    private static ProviderException findProviderException(Throwable e) {
        return find(e, ProviderException.class);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
