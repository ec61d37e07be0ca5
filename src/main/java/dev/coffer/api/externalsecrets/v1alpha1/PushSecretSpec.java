package dev.coffer.api.externalsecrets.v1alpha1;

import dev.coffer.api.GoDurationRule;
import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** The desired state of a PushSecret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PushSecretSpec {

    /** Go duration; 0 pushes once. */
    @Default("1h0m0s")
    @ValidationRule(value = GoDurationRule.RULE, message = GoDurationRule.MESSAGE)
    public String refreshInterval;

    @Required
    public List<PushSecretStoreRef> secretStoreRefs;

    @Default("Replace")
    public PushSecretUpdatePolicy updatePolicy;

    @Default("None")
    public PushSecretDeletionPolicy deletionPolicy;

    @Required
    public PushSecretSelector selector;

    public List<PushSecretData> data;

    public List<PushSecretDataTo> dataTo;

    public ExternalSecretTemplate template;
}
