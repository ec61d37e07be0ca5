package dev.coffer.api.externalsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.RewriteRegexp;
import dev.coffer.api.externalsecrets.v1.RewriteTransform;

/** One rename step of a {@code dataTo} entry; exactly one field is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PushSecretRewrite {

    public RewriteRegexp regexp;

    public RewriteTransform transform;
}
