package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A name filter for dataFrom.find. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FindName {

    /** Remote names must match this regular expression. */
    public String regexp;
}
