package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Selects every remote secret that matches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretFind {

    /** Only remote secrets under this path. */
    public String path;

    public FindName name;

    public Map<String, String> tags;

    public ConversionStrategy conversionStrategy;

    public DecodingStrategy decodingStrategy;

    public NullBytePolicy nullBytePolicy;
}
