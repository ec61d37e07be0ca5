package dev.coffer.provider.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.providers.GcpSmAuth;
import dev.coffer.api.externalsecrets.v1.providers.GcpSmProvider;
import dev.coffer.api.externalsecrets.v1.providers.GcpWorkloadIdentityFederation;
import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code gcpsm} provider: Google Cloud Secret Manager through its official Java SDK (gRPC),
 * global or regional secrets of one project.
 */
public final class GcpProviderImpl implements Provider {

    /** Project ids: 6 to 30 lowercase letters, digits and hyphens, starting with a letter (legacy ids may hold a domain). */
    private static final Pattern PROJECT = Pattern.compile("^([a-z][-a-z0-9.:]*[a-z0-9]|\\d+)$");
    private static final Pattern LOCATION = Pattern.compile("^[a-z]+(-[a-z0-9]+)+$");
    private static final String BLOCK = "spec.provider.gcpsm";

    private final GcpOptions options;

    public GcpProviderImpl() {
        this(GcpOptions.defaults());
    }

    public GcpProviderImpl(GcpOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "gcpsm";
    }

    @Override
    public void validate(StoreContext store) {
        GcpSmProvider block = store.spec().provider.gcpsm;
        if (isBlank(block.projectID)) {
            throw ProviderException.invalidConfig(BLOCK + ".projectID is required");
        }
        if (!PROJECT.matcher(block.projectID).matches()) {
            throw ProviderException.invalidConfig(BLOCK + ".projectID \"" + block.projectID + "\" is not a GCP project id");
        }
        if (!isBlank(block.location) && !LOCATION.matcher(block.location).matches()) {
            throw ProviderException.invalidConfig(BLOCK + ".location \"" + block.location
                    + "\" is not a GCP location (for example europe-west1)");
        }
        GcpSmAuth auth = block.auth;
        if (auth == null) {
            return;
        }
        int set = (auth.secretRef != null ? 1 : 0) + (auth.workloadIdentity != null ? 1 : 0)
                + (auth.workloadIdentityFederation != null ? 1 : 0);
        if (set > 1) {
            throw ProviderException.invalidConfig(BLOCK + ".auth: set only one of secretRef, workloadIdentity and"
                    + " workloadIdentityFederation");
        }
        if (auth.workloadIdentity != null) {
            serviceAccount(store, auth.workloadIdentity.serviceAccountRef, BLOCK + ".auth.workloadIdentity.serviceAccountRef");
        }
        if (auth.workloadIdentityFederation != null) {
            GcpWorkloadIdentityFederation wif = auth.workloadIdentityFederation;
            WorkloadIdentityFederation.validate(wif);
            if (wif.serviceAccountRef != null) {
                serviceAccount(store, wif.serviceAccountRef, WorkloadIdentityFederation.FIELD + ".serviceAccountRef");
            }
        }
        credentialRefs(store); // checks the secretRef selector
    }

    @Override
    public List<SecretKeySelector> credentialRefs(StoreContext store) {
        GcpSmAuth auth = store.spec().provider.gcpsm.auth;
        if (auth != null && auth.secretRef != null) {
            SecretKeySelector ref = auth.secretRef.secretAccessKeySecretRef;
            String what = BLOCK + ".auth.secretRef.secretAccessKeySecretRef";
            if (ref == null || isBlank(ref.name) || isBlank(ref.key)) {
                throw ProviderException.invalidConfig(what + " needs a Secret name and key");
            }
            store.namespaceOf(ref.namespace, what);
            return List.of(ref);
        }
        if (auth != null && auth.workloadIdentityFederation != null
                && auth.workloadIdentityFederation.awsSecurityCredentials != null
                && auth.workloadIdentityFederation.awsSecurityCredentials.awsCredentialsSecretRef != null) {
            // Rotated AWS keys build a new client.
            var secret = auth.workloadIdentityFederation.awsSecurityCredentials.awsCredentialsSecretRef;
            return List.of(selector(secret.name, secret.namespace, "aws_access_key_id"),
                    selector(secret.name, secret.namespace, "aws_secret_access_key"));
        }
        return List.of();
    }

    /** A service account named without a namespace resolves in the consumer's namespace (cluster stores). */
    @Override
    public boolean clientPerConsumerNamespace(StoreContext store) {
        GcpSmAuth auth = store.spec().provider.gcpsm.auth;
        if (auth == null) {
            return false;
        }
        ServiceAccountSelector sa = auth.workloadIdentity != null ? auth.workloadIdentity.serviceAccountRef
                : auth.workloadIdentityFederation != null ? auth.workloadIdentityFederation.serviceAccountRef : null;
        return sa != null && isBlank(sa.namespace);
    }

    @Override
    public SecretsClient newClient(StoreContext store) {
        validate(store);
        GcpSmProvider block = store.spec().provider.gcpsm;
        SecretNames names = new SecretNames(block.projectID, block.location);
        GoogleTransport transport = new GoogleTransport(options);
        GoogleCredentials credentials = GcpCredentials.of(store, options, transport);
        SecretManagerServiceClient sm = SecretManagerConnection.open(options, names, transport, credentials);
        return new GcpSecretsClient(names, block.secretVersionSelectionPolicy, sm, credentials, options);
    }

    private static void serviceAccount(StoreContext store, ServiceAccountSelector sa, String what) {
        if (sa == null || isBlank(sa.name)) {
            throw ProviderException.invalidConfig(what + ".name is required");
        }
        store.namespaceOf(sa.namespace, what);
    }

    private static SecretKeySelector selector(String name, String namespace, String key) {
        SecretKeySelector s = new SecretKeySelector();
        s.name = name;
        s.namespace = namespace;
        s.key = key;
        return s;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
