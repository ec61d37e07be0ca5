package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether sync windows allow or deny syncs. */
public enum SyncWindowKind {
    @JsonProperty("allow")
    ALLOW,
    @JsonProperty("deny")
    DENY
}
