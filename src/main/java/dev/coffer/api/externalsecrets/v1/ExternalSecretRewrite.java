package dev.coffer.api.externalsecrets.v1;

import dev.coffer.api.ExactlyOneField;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One rewrite step; exactly one field is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ExactlyOneField
public class ExternalSecretRewrite {

    public RewriteRegexp regexp;

    public RewriteTransform transform;

    public RewriteMerge merge;
}
