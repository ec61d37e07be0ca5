package dev.coffer.provider.aws;

import java.util.function.Supplier;

/** A store client's error-mapping call wrapper, handed to its pusher so both map AWS errors alike. */
interface AwsCall {
    <T> T call(String operation, String subject, Supplier<T> call);
}
