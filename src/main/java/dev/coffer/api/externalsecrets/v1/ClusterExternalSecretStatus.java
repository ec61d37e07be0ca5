package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The observed state of a ClusterExternalSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterExternalSecretStatus {

    /** The name of the ExternalSecrets it stamps out. */
    public String externalSecretName;

    public List<NamespaceFailure> failedNamespaces;

    public List<String> provisionedNamespaces;

    /** Ready, PartiallyReady or NotReady, as upstream. */
    public List<Condition> conditions;
}
