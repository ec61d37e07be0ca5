package dev.coffer.provider.kubernetes;

import dev.coffer.provider.ProviderException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns fabric8 failures into typed {@link ProviderException}s. Messages name the API server,
 * namespace and operation; the server's own message text is left out (it is not needed to act,
 * and an admission webhook's message could quote anything).
 */
final class ApiErrors {

    private ApiErrors() {
    }

    static ProviderException translate(RuntimeException e, String serverUrl, String operation) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProviderException pe) {
                return pe; // e.g. a service-account token that could not be renewed
            }
        }
        int code = e instanceof KubernetesClientException kce ? kce.getCode() : 0;
        String where = " (" + operation + " on " + serverUrl + ")";
        switch (code) {
            case 401:
                return ProviderException.accessDenied("the API server rejected the store's credentials: 401 Unauthorized" + where);
            case 403:
                return ProviderException.accessDenied("the store's identity is not allowed to do this: 403 Forbidden" + where);
            case 404:
                // A missing Secret reads as null, never as 404: a 404 here is the endpoint or namespace
                // itself, which is not "the remote secret does not exist" (see ProviderException).
                return ProviderException.invalidConfig("the API server has no such resource: 404" + where);
            case 429:
                return ProviderException.throttled("the API server asked to slow down: 429 Too Many Requests" + where);
            case 400:
            case 422:
                return ProviderException.invalidConfig("the API server refused the request: " + code + where);
            default:
                if (code >= 500) {
                    return ProviderException.unavailable("the API server failed: " + code + where, null);
                }
                return ProviderException.unavailable("could not reach the API server" + where, e);
        }
    }
}
