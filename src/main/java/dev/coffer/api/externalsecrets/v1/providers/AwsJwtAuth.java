package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;

/** IRSA: the token of this service account is exchanged for role credentials. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AwsJwtAuth {

    public ServiceAccountSelector serviceAccountRef;
}
