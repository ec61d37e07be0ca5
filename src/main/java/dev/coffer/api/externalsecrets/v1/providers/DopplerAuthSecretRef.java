package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Required;

/** The Secret that holds a Doppler token; its key defaults to {@code dopplerToken}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DopplerAuthSecretRef {

    @Required
    public SecretKeySelector dopplerToken;
}
