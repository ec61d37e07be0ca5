package dev.coffer.api.externalsecrets.v1alpha1;

import dev.coffer.api.ExactlyOneField;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.GeneratorRef;

/** Where the pushed values come from: Secrets or a generator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ExactlyOneField
public class PushSecretSelector {

    public PushSecretSource secret;

    public GeneratorRef generatorRef;
}
