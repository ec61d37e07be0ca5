package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The block of an upstream provider Coffer does not implement. The CRD keeps it, with whatever
 * fields it has, so that a GitOps repository holding such a store applies unchanged; the store
 * then reports that the provider is not supported, instead of the block being pruned away.
 */
@PreserveUnknownFields
public class UnimplementedProvider {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    @JsonAnyGetter
    public Map<String, Object> fields() {
        return fields;
    }

    @JsonAnySetter
    public void set(String name, Object value) {
        fields.put(name, value);
    }
}
