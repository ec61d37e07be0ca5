package dev.coffer.provider.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.coffer.api.externalsecrets.v1.providers.GcpSmAuth;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * The Google credentials of one store, in upstream's order: a service-account key from a Secret
 * ({@code auth.secretRef}), GKE workload identity, workload identity federation, else application
 * default credentials. Every form is a {@link GoogleCredentials} of the auth library, which keeps
 * its access token and refreshes it shortly before it expires.
 */
final class GcpCredentials {

    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");
    private static final String KEY_REF = "spec.provider.gcpsm.auth.secretRef.secretAccessKeySecretRef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GcpCredentials() {
    }

    static GoogleCredentials of(StoreContext store, GcpOptions options, GoogleTransport transport) {
        GcpSmAuth auth = store.spec().provider.gcpsm.auth;
        if (auth != null && auth.secretRef != null) {
            return serviceAccountKey(store.secretValue(auth.secretRef.secretAccessKeySecretRef, KEY_REF), transport);
        }
        if (auth != null && auth.workloadIdentity != null) {
            return GkeWorkloadIdentity.credentials(store, options, transport);
        }
        if (auth != null && auth.workloadIdentityFederation != null) {
            return WorkloadIdentityFederation.credentials(store, options, transport);
        }
        return applicationDefault(transport);
    }

    /**
     * Only keys of type {@code service_account}: other credential files (external accounts)
     * could make the operator read its own files or run programs.
     */
    static GoogleCredentials serviceAccountKey(byte[] json, GoogleTransport transport) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            // No cause: a parser message may quote the key.
            throw ProviderException.invalidConfig(KEY_REF + ": the value is not JSON (a service-account key file is expected)");
        }
        if (node == null || !"service_account".equals(node.path("type").asText())) {
            throw ProviderException.invalidConfig(KEY_REF + ": the value is not a service-account key"
                    + " (JSON with \"type\": \"service_account\")");
        }
        try {
            return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(json), transport.httpFactory())
                    .createScoped(SCOPES);
        } catch (IOException | RuntimeException e) {
            throw ProviderException.invalidConfig(KEY_REF + ": the service-account key lacks a field or its private key"
                    + " cannot be read (client_email, private_key, private_key_id are required)");
        }
    }

    private static GoogleCredentials applicationDefault(GoogleTransport transport) {
        try {
            return GoogleCredentials.getApplicationDefault(transport.httpFactory()).createScoped(SCOPES);
        } catch (IOException e) {
            throw ProviderException.accessDenied("no Google credentials found: set spec.provider.gcpsm.auth, or give the"
                    + " operator application default credentials (GOOGLE_APPLICATION_CREDENTIALS, or run on GCP)");
        }
    }
}
