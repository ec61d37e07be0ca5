package dev.coffer.api.externalsecrets.v1.providers;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** AWS credentials for federation, from a Secret with keys aws_access_key_id, aws_secret_access_key, aws_session_token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GcpAwsSecurityCredentials {

    @Required
    public GcpSecretName awsCredentialsSecretRef;

    @Required
    @Pattern("^[a-z0-9-]+$")
    @Size(min = 1, max = 50)
    public String region;
}
