package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** AppRole login: a role id (inline or from a Secret) and a secret id from a Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultAppRole {

    /** The mount path of the AppRole auth method. */
    @Required
    @Default("approle")
    public String path;

    public String roleId;

    /** The role id in a Secret, used when roleId is empty. */
    public SecretKeySelector roleRef;

    @Required
    public SecretKeySelector secretRef;
}
