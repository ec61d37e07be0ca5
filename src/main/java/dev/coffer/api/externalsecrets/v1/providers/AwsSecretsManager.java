package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How an aws store behaves towards Secrets Manager when it deletes secrets (PushSecret). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AwsSecretsManager {

    /** Delete at once, without a recovery window. */
    public Boolean forceDeleteWithoutRecovery;

    /** Days a deleted secret can be recovered (7 to 30). */
    public Long recoveryWindowInDays;
}
