package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Required;

/** NTLM credentials of a webhook, from Secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebhookNtlmAuth {

    @Required
    public SecretKeySelector usernameSecret;

    @Required
    public SecretKeySelector passwordSecret;
}
