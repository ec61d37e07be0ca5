package dev.coffer.api.externalsecrets.v1alpha1;

import dev.coffer.api.GoDurationRule;
import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.StampedMetadata;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** The desired state of a ClusterPushSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterPushSecretSpec {

    @Required
    public PushSecretSpec pushSecretSpec;

    /** The name of the PushSecrets; defaults to the ClusterPushSecret's name. */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String pushSecretName;

    public StampedMetadata pushSecretMetadata;

    /** Namespaces matching any of these selectors get a PushSecret. */
    public List<LabelSelector> namespaceSelectors;

    /** Go duration: how often the set of matching namespaces is re-evaluated (default 1m). */
    @ValidationRule(value = GoDurationRule.RULE, message = GoDurationRule.MESSAGE)
    public String refreshTime;
}
