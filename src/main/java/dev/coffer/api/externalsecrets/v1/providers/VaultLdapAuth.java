package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** LDAP login: a username and the password from a Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultLdapAuth {

    @Required
    @Default("ldap")
    public String path;

    @Required
    public String username;

    public SecretKeySelector secretRef;
}
