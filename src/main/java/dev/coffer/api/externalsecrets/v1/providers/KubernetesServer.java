package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;

/** The API server the kubernetes provider reads from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesServer {

    @Default("kubernetes.default")
    public String url;

    /** Base64-encoded PEM CA bundle. */
    public String caBundle;

    public CAProvider caProvider;
}
