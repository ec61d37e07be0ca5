package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The template engine version; only v2 (Go text/template with sprig) exists. */
public enum TemplateEngineVersion {
    @JsonProperty("v2")
    V2
}
