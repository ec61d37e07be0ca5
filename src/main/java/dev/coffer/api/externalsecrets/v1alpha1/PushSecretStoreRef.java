package dev.coffer.api.externalsecrets.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.StoreKind;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** A store to push to, by name or by label selector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PushSecretStoreRef {

    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
    @Size(min = 1, max = 253)
    public String name;

    public LabelSelector labelSelector;

    @Default("SecretStore")
    public StoreKind kind;
}
