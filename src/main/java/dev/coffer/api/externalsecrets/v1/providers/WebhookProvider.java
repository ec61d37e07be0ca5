package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

import java.util.List;
import java.util.Map;

/** A generic templated HTTP endpoint ({@code spec.provider.webhook}); url, body, headers and jsonPath are Go templates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebhookProvider {

    /** HTTP method; GET when unset. */
    public String method;

    /** The URL, a template over {@code .remoteRef} (values URL-escaped) and the named {@code secrets}. */
    @Required
    public String url;

    /** Request headers; values are templates. */
    public Map<String, String> headers;

    /** Authentication to the endpoint. */
    public WebhookAuth auth;

    /** Request body, a template (values not escaped). */
    public String body;

    /** Go duration after which the call fails. */
    public String timeout;

    /** Where the value sits in the answer. */
    public WebhookResult result;

    /** Kubernetes Secrets offered to the templates, each under its name. */
    public List<WebhookSecret> secrets;

    /** Base64-encoded PEM CA bundle for an https URL. */
    public String caBundle;

    /** A CA bundle in a Secret or ConfigMap. */
    public CAProvider caProvider;
}
