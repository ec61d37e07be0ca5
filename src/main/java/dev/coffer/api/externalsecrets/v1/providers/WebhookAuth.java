package dev.coffer.api.externalsecrets.v1.providers;

import dev.coffer.api.ExactlyOneField;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The authentication blocks of a webhook; upstream has NTLM only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ExactlyOneField
public class WebhookAuth {

    public WebhookNtlmAuth ntlm;
}
