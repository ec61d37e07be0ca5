package dev.coffer.provider.aws;

import dev.coffer.metrics.EsoMeters;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS API call (after the SDK's retries) in ESO's
 * {@code externalsecret_provider_api_calls_count} with ESO's label values: provider
 * {@code AWS/SecretsManager}, {@code AWS/ParameterStore} or {@code AWS/STS}, call = operation
 * name, status {@code success} or {@code error}.
 */
final class ApiCallMetrics implements ExecutionInterceptor {

    static final String METRIC = "externalsecret_provider_api_calls_count";

    private final MeterRegistry registry;
    private final String provider;

    ApiCallMetrics(MeterRegistry registry, String provider) {
        this.registry = registry;
        this.provider = provider;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, "success");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes, "error");
    }

    private void count(ExecutionAttributes attributes, String status) {
        String call = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        // ESO's name has no _total suffix: a monotonic gauge keeps it exact (see EsoMeters).
        EsoMeters.increment(registry, METRIC, "Number of API calls towards the secret provider",
                Tags.of("provider", provider, "call", call == null ? "unknown" : call, "status", status));
    }
}
