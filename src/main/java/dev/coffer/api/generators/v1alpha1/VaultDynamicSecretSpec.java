package dev.coffer.api.generators.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.api.externalsecrets.v1.RetrySettings;
import dev.coffer.api.externalsecrets.v1.providers.VaultProvider;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

import java.util.List;
import java.util.Map;

/** Where and how to ask Vault for dynamic credentials; the provider block is the store's vault block. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultDynamicSecretSpec {

    /** The Vault path, e.g. database/creds/readonly. */
    @Required
    public String path;

    /** GET (default), LIST, DELETE, or a write method such as POST or PUT. */
    public String method;

    /** The body of a write (non-GET methods). */
    @PreserveUnknownFields
    public JsonNode parameters;

    /** Query-string parameters of a GET. */
    public Map<String, List<String>> getParameters;

    /** Which part of Vault's answer becomes the values: data (default), auth or the whole answer. */
    @Default("Data")
    public VaultDynamicSecretResultType resultType;

    /** Do not fail when Vault answers without data. */
    @Default("false")
    public Boolean allowEmptyResponse;

    /** Selects the controller instance (upstream controller classes); Coffer serves every value. */
    public String controller;

    public RetrySettings retrySettings;

    @Required
    public VaultProvider provider;
}
