package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Doppler's download formats; the JSON name is also the query parameter's value. */
public enum DopplerFormat {
    @JsonProperty("json") JSON,
    @JsonProperty("dotnet-json") DOTNET_JSON,
    @JsonProperty("env") ENV,
    @JsonProperty("yaml") YAML,
    @JsonProperty("docker") DOCKER
}
