package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One rewrite step; exactly one field is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExternalSecretRewrite {

    public RewriteRegexp regexp;

    public RewriteTransform transform;

    public RewriteMerge merge;
}
