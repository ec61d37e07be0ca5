package dev.coffer.api.externalsecrets.v1;

import dev.coffer.api.GoDurationRule;
import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** The desired state of a ClusterExternalSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterExternalSecretSpec {

    /** The spec of every ExternalSecret stamped out. */
    @Required
    public ExternalSecretSpec externalSecretSpec;

    /** The name of the ExternalSecrets; defaults to the ClusterExternalSecret's name. */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String externalSecretName;

    public StampedMetadata externalSecretMetadata;

    /** Deprecated upstream in favour of {@link #namespaceSelectors}; still honoured (ORed with them). */
    public LabelSelector namespaceSelector;

    /** Namespaces matching any of these selectors get an ExternalSecret. */
    public List<LabelSelector> namespaceSelectors;

    /** Namespaces named outright (ORed with the selectors). */
    public List<@Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") @Size(min = 1, max = 63) String> namespaces;

    /** Go duration: how often the set of matching namespaces is re-evaluated (default 1m). */
    @ValidationRule(value = GoDurationRule.RULE, message = GoDurationRule.MESSAGE)
    public String refreshTime;
}
