package dev.coffer.api.externalsecrets.v1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** Limits which namespaces may use a ClusterSecretStore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterSecretStoreCondition {

    public LabelSelector namespaceSelector;

    public List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(min = 1, max = 63) String> namespaces;

    public List<String> namespaceRegexes;
}
