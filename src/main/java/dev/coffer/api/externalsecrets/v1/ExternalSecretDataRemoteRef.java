package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** One remote value (data[].remoteRef, dataFrom[].extract). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretDataRemoteRef {

    /** The remote key. */
    @Required
    public String key;

    /** A property within the remote value, for structured values. */
    public String property;

    public String version;

    @Default("None")
    public MetadataPolicy metadataPolicy;

    @Default("Default")
    public ConversionStrategy conversionStrategy;

    @Default("None")
    public DecodingStrategy decodingStrategy;

    @Default("Ignore")
    public NullBytePolicy nullBytePolicy;
}
