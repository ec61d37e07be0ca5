package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Check-and-set settings for KV v2 writes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultCheckAndSet {

    /** Whether every write must carry the expected version. */
    public Boolean required;
}
