package dev.coffer.api.generators.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** The values the Fake generator returns. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FakeSpec {

    /** Selects the controller instance (upstream controller classes); Coffer serves every value. */
    public String controller;

    /** The key/value pairs returned, as they are. */
    public Map<String, String> data;
}
