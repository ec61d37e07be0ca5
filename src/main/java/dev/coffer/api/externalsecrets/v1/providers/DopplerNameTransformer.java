package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Doppler's {@code name_transformer} values; the JSON name is also the query parameter's value. */
public enum DopplerNameTransformer {
    @JsonProperty("upper-camel") UPPER_CAMEL,
    @JsonProperty("camel") CAMEL,
    @JsonProperty("lower-snake") LOWER_SNAKE,
    @JsonProperty("tf-var") TF_VAR,
    @JsonProperty("dotnet-env") DOTNET_ENV,
    @JsonProperty("lower-kebab") LOWER_KEBAB
}
