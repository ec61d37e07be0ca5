package dev.coffer.api.externalsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.Condition;
import dev.coffer.api.externalsecrets.v1.NamespaceFailure;
import java.util.List;

/** The observed state of a ClusterPushSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterPushSecretStatus {

    public String pushSecretName;

    public List<NamespaceFailure> failedNamespaces;

    public List<String> provisionedNamespaces;

    public List<Condition> conditions;
}
