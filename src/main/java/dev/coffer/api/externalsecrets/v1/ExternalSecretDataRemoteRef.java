package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    public MetadataPolicy metadataPolicy;

    public ConversionStrategy conversionStrategy;

    public DecodingStrategy decodingStrategy;

    public NullBytePolicy nullBytePolicy;
}
