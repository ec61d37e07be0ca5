package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;

/** How Coffer logs in to Vault; exactly one method is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultAuth {

    /** Vault Enterprise namespace for the login, when it differs from the provider's namespace. */
    public String namespace;

    /** A ready Vault token in a Secret. */
    public SecretKeySelector tokenSecretRef;

    public VaultAppRole appRole;

    public VaultKubernetesAuth kubernetes;

    public VaultLdapAuth ldap;

    public VaultJwtAuth jwt;

    public VaultCertAuth cert;

    public VaultIamAuth iam;

    public VaultGcpAuth gcp;

    public VaultUserPassAuth userPass;
}
