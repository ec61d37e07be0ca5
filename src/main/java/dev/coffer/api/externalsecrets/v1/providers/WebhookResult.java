package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How to pick the value out of a webhook's answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebhookResult {

    /** A JSONPath (itself a template) into the JSON answer; without it the whole answer is the value. */
    public String jsonPath;
}
