package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The observed state of a store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretStoreStatus {

    public List<Condition> conditions;

    /** ReadOnly, WriteOnly or ReadWrite. */
    public String capabilities;
}
