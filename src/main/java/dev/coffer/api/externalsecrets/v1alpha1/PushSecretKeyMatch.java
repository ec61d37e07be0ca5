package dev.coffer.api.externalsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Which Secret keys a {@code dataTo} entry takes: those matching a Go regular expression. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PushSecretKeyMatch {

    public String regexp;
}
