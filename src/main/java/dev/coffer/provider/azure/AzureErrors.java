package dev.coffer.provider.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.identity.CredentialUnavailableException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.coffer.provider.ProviderException;

/**
 * Turns Key Vault and Entra ID failures into typed {@link ProviderException}s. Messages carry the
 * operation, the object and the HTTP status, never the server's text or the request (either could
 * quote a value). A 404 is NOT_FOUND here; callers that read a version decide whether the object
 * itself or only that version is missing.
 */
final class AzureErrors {

    private AzureErrors() {
    }

    /** The HTTP status of an SDK failure, or 0 when it carries none. */
    static int status(Throwable e) {
        HttpResponseException http = find(e, HttpResponseException.class);
        return http == null || http.getResponse() == null ? 0 : http.getResponse().getStatusCode();
    }

    static ProviderException map(RuntimeException e, String operation, String subject) {
        ProviderException typed = find(e, ProviderException.class);
        if (typed != null) {
            return typed; // raised while getting a token (a TokenRequest, a token file), already typed
        }
        if (find(e, CredentialUnavailableException.class) != null) {
            return ProviderException.unavailable(operation + " for " + subject + ": no managed identity token could be"
                    + " obtained (no identity endpoint on this node, or identityId does not name an assigned identity)", null);
        }
        MsalServiceException entra = find(e, MsalServiceException.class);
        if (entra != null && entra.statusCode() >= 500) {
            return ProviderException.unavailable(operation + " for " + subject + ": Entra ID failed to issue an access"
                    + " token (HTTP " + entra.statusCode() + ")", null);
        }
        int status = status(e);
        if (status == 0 && (entra != null || find(e, ClientAuthenticationException.class) != null)) {
            return ProviderException.accessDenied(operation + " for " + subject + ": Entra ID refused the store's"
                    + " credentials when asked for an access token; check the client id, tenant and secret,"
                    + " certificate or federated identity");
        }
        if (status == 0) {
            return ProviderException.unavailable(operation + " for " + subject + " failed: Key Vault or Entra ID"
                    + " could not be reached (" + e.getClass().getSimpleName() + ")", null);
        }
        String tail = " (HTTP " + status + ")";
        if (status == 404) {
            return ProviderException.notFound(subject + " not found" + tail);
        }
        if (status == 401 || status == 403) {
            return ProviderException.accessDenied(operation + " for " + subject + " was denied" + tail
                    + "; check the store's credentials and the vault's access policies or RBAC roles"
                    + " (a disabled object is denied too)");
        }
        if (status == 429) {
            return ProviderException.throttled(operation + " for " + subject + " was throttled by Key Vault even after"
                    + " retries" + tail + "; backing off");
        }
        if (status >= 500) {
            return ProviderException.unavailable(operation + " for " + subject + " failed on the Azure side" + tail, null);
        }
        return ProviderException.invalidConfig(operation + " for " + subject + " was rejected by Key Vault" + tail);
    }

    static <T> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
