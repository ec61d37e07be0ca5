package dev.coffer.api.externalsecrets.v1;

import dev.coffer.api.ExactlyOneField;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Overrides the store of one data item, or uses a generator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ExactlyOneField
public class StoreSourceRef {

    public SecretStoreRef storeRef;

    public GeneratorRef generatorRef;
}
