package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Fetches many keys at once: extract one structured value, or find many. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretDataFromRemoteRef {

    public ExternalSecretDataRemoteRef extract;

    public ExternalSecretFind find;

    public List<ExternalSecretRewrite> rewrite;

    public StoreSourceRef sourceRef;
}
