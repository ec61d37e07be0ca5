package dev.coffer.failure;

import java.util.Optional;

/**
 * An error that knows how it reads to a user, so that {@link FailureReport} needs no knowledge of
 * the packages that throw it: a one-line explanation that names things and never holds a value,
 * and whether the same attempt later can succeed.
 */
public interface ExplainedError {

    /** One line for the condition, the event and the log: keys, paths, HTTP statuses; never a value. */
    String explanation();

    /** True for outages and throttling (retried with backoff); false for what needs a change to the input. */
    boolean retryable();

    /** The condition reason this error has of its own (such as {@code SecretMissing}); else the controller's error reason. */
    default Optional<String> reason() {
        return Optional.empty();
    }

    /** Whether the resource's own spec is wrong: the controller then names its kind ("invalid ExternalSecret: ..."). */
    default boolean invalidSpec() {
        return false;
    }
}
