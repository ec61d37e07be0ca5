package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Limits which namespaces may use a ClusterSecretStore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterSecretStoreCondition {

    public LabelSelector namespaceSelector;

    public List<String> namespaces;

    public List<String> namespaceRegexes;
}
