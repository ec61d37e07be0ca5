package dev.coffer.api.externalsecrets.v1;

import io.fabric8.generator.annotation.ValidationRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** The Secret an ExternalSecret writes, and how. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// As upstream's admission webhook: never delete or merge into a Secret the ExternalSecret does not own.
@ValidationRule(value = "!(has(self.deletionPolicy) && self.deletionPolicy == 'Delete'"
        + " && has(self.creationPolicy) && (self.creationPolicy == 'Merge' || self.creationPolicy == 'None'))",
        messageExpression = "'deletionPolicy=Delete must not be used with creationPolicy=' + self.creationPolicy"
                + " + ': the controller does not own the secret. Please set creationPolicy=Owner'",
        message = "deletionPolicy=Delete must not be used when the controller does not own the secret")
@ValidationRule(value = "!(has(self.deletionPolicy) && self.deletionPolicy == 'Merge'"
        + " && has(self.creationPolicy) && self.creationPolicy == 'None')",
        message = "deletionPolicy=Merge must not be used with creationPolicy=None. There is no Secret to merge with")
public class ExternalSecretTarget {

    /** Name of the Secret; defaults to the ExternalSecret name. */
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String name;

    @Default("Owner")
    public CreationPolicy creationPolicy;

    @Default("Retain")
    public DeletionPolicy deletionPolicy;

    public ExternalSecretTemplate template;

    public Boolean immutable;

    public ManifestReference manifest;
}
