package dev.coffer.api.generators.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.providers.AwsAuth;
import io.fabric8.generator.annotation.Required;

/** Where and as whom to call STS GetSessionToken. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class STSSessionTokenSpec {

    /** The AWS region of the STS endpoint. */
    @Required
    public String region;

    /** How to authenticate, as the aws store's auth block; without it the SDK's default chain. */
    public AwsAuth auth;

    /** A role ARN assumed before the call. */
    public String role;

    public STSSessionTokenRequestParameters requestParameters;
}
