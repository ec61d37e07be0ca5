package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** A provider that serves static data from the store spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FakeProvider {

    @Required
    public List<FakeProviderData> data;

    /** 0 Ready, 1 Unknown, 2 Error: what validation reports. */
    public Integer validationResult;
}
