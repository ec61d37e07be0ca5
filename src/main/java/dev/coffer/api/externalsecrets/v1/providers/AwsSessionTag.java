package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** One STS session tag. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AwsSessionTag {

    @Required
    public String key;

    @Required
    public String value;
}
