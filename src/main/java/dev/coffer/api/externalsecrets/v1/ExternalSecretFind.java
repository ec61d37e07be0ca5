package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import java.util.Map;

/** Selects every remote secret that matches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretFind {

    /** Only remote secrets under this path. */
    public String path;

    public FindName name;

    public Map<String, String> tags;

    @Default("Default")
    public ConversionStrategy conversionStrategy;

    @Default("None")
    public DecodingStrategy decodingStrategy;

    @Default("Ignore")
    public NullBytePolicy nullBytePolicy;
}
