package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.externalsecrets.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** Reads Secrets of a (remote) Kubernetes namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesProvider {

    public KubernetesServer server;

    public KubernetesAuth auth;

    /** A kubeconfig in a Secret. */
    public SecretKeySelector authRef;

    @Default("default")
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    public String remoteNamespace;
}
