package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** HTTP retries against the provider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrySettings {

    public Integer maxRetries;

    public String retryInterval;
}
