package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** One static value of the fake provider. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FakeProviderData {

    @Required
    public String key;

    @Required
    public String value;

    public String version;
}
