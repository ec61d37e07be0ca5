package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/** The desired state of a SecretStore or ClusterSecretStore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretStoreSpec {

    /** Used to select the controller that reconciles this store. */
    public String controller;

    /** Exactly one provider block. */
    @Required
    public SecretStoreProvider provider;

    public RetrySettings retrySettings;

    /** How often the store is re-validated: seconds or a Go duration. */
    public IntOrString refreshInterval;

    /** Which namespaces may use a ClusterSecretStore. */
    public List<ClusterSecretStoreCondition> conditions;
}
