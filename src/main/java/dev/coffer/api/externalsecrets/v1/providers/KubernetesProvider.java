package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffer.api.meta.v1.SecretKeySelector;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Reads Secrets of a (remote) Kubernetes namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesProvider {

    /** The API server; absent or {@code kubernetes.default} means the one Coffer itself talks to. */
    public KubernetesServer server;

    /** How to authenticate; set this or {@link #authRef}. */
    public KubernetesAuth auth;

    /** A kubeconfig in a Secret key; it then names the server and credentials, and {@link #server} is ignored. */
    public SecretKeySelector authRef;

    /** The namespace whose Secrets are read. */
    @Default("default")
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    public String remoteNamespace;
}
