package dev.coffer.api.generators.v1alpha1;

import dev.coffer.api.ExactlyOneField;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.providers.WebhookProvider;

/** The spec of a ClusterGenerator's generator: exactly one field, matching its kind. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ExactlyOneField
public class GeneratorSpec {

    public PasswordSpec passwordSpec;

    public UUIDSpec uuidSpec;

    public VaultDynamicSecretSpec vaultDynamicSecretSpec;

    public FakeSpec fakeSpec;

    public SSHKeySpec sshKeySpec;

    public STSSessionTokenSpec stsSessionTokenSpec;

    public ECRAuthorizationTokenSpec ecrAuthorizationTokenSpec;

    public WebhookProvider webhookSpec;
}
