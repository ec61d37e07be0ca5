package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;
import java.util.Map;

/** AWS Secrets Manager or Parameter Store ({@code spec.provider.aws}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AwsProvider {

    /** Which AWS service serves the secrets. */
    @Required
    public AwsServiceType service;

    /** The AWS region, for example {@code eu-west-1}. */
    @Required
    public String region;

    /** How to authenticate; without it the SDK's default credential chain is used. */
    public AwsAuth auth;

    /** A role ARN assumed (after {@link #additionalRoles}) to read the secrets. */
    public String role;

    /** Role ARNs assumed one after the other before {@link #role}. */
    public List<String> additionalRoles;

    /** The external id passed when assuming {@link #role}. */
    public String externalID;

    /** STS session tags passed when assuming {@link #role}. */
    public List<AwsSessionTag> sessionTags;

    /** Whether to add the esoNamespace, esoStoreName and esoStoreKind session tags. */
    @Default("None")
    public AwsSessionTagsPolicy sessionTagsPolicy;

    /** Extra session tags with sessionTagsPolicy Custom. */
    @ValidationRule(value = "!('esoNamespace' in self) && !('esoStoreName' in self) && !('esoStoreKind' in self)",
            message = "customSessionTags cannot contain automatically injected reserved keys: esoNamespace, esoStoreName, esoStoreKind")
    public Map<String, String> customSessionTags;

    /** Session tag keys that pass on to roles assumed later in a chain. */
    public List<String> transitiveTagKeys;

    /** Prepended to every remote key. */
    public String prefix;

    /** Secrets Manager settings (used when deleting pushed secrets). */
    public AwsSecretsManager secretsManager;
}
