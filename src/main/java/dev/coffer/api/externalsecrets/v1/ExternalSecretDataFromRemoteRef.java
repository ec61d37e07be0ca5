package dev.coffer.api.externalsecrets.v1;

import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Fetches many keys at once: extract one structured value, or find many. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.extract) || has(self.find) || (has(self.sourceRef) && has(self.sourceRef.generatorRef))",
        message = "dataFrom[] must set extract, find or sourceRef.generatorRef")
public class ExternalSecretDataFromRemoteRef {

    public ExternalSecretDataRemoteRef extract;

    public ExternalSecretFind find;

    public List<ExternalSecretRewrite> rewrite;

    public StoreSourceRef sourceRef;
}
