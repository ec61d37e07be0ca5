package dev.coffer.api.externalsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** One value to push: which Secret key goes where. Also the shape of each {@code syncedPushSecrets} entry. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PushSecretData {

    @Required
    public PushSecretMatch match;

    /** Provider-specific options (tags, labels, formats), read by the store's provider. */
    @PreserveUnknownFields
    public JsonNode metadata;

    @Default("None")
    public PushSecretConversionStrategy conversionStrategy;
}
