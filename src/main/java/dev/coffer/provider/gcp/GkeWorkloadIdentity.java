package dev.coffer.provider.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.api.externalsecrets.v1.providers.VaultGcpWorkloadIdentity;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GKE workload identity ({@code auth.workloadIdentity}), as upstream: a TokenRequest token of the
 * service account for the audience {@code PROJECT.svc.id.goog}, exchanged at STS for the identity
 * namespace of the cluster, then, when the ServiceAccount carries
 * {@code iam.gke.io/gcp-service-account}, IAM generateAccessToken for that Google service account.
 * Without the annotation the federated token is used directly (IAM bindings on
 * {@code serviceAccount:PROJECT.svc.id.goog[NAMESPACE/NAME]}).
 */
final class GkeWorkloadIdentity {

    private static final String FIELD = "spec.provider.gcpsm.auth.workloadIdentity";

    private GkeWorkloadIdentity() {
    }

    static GoogleCredentials credentials(StoreContext store, GcpOptions options, GoogleTransport transport) {
        VaultGcpWorkloadIdentity wi = store.spec().provider.gcpsm.auth.workloadIdentity;
        ServiceAccountSelector sa = wi.serviceAccountRef;
        String namespace = store.namespaceOf(sa.namespace, FIELD + ".serviceAccountRef");
        GkeMetadata metadata = new GkeMetadata(options);
        String project = isBlank(wi.clusterProjectID) ? metadata.projectId() : wi.clusterProjectID;
        String location = isBlank(wi.clusterLocation) ? metadata.instanceAttribute("cluster-location", "clusterLocation")
                : wi.clusterLocation;
        String cluster = isBlank(wi.clusterName) ? metadata.instanceAttribute("cluster-name", "clusterName") : wi.clusterName;
        String pool = project + ".svc.id.goog";
        String identityProvider = "https://container.googleapis.com/v1/projects/" + project + "/locations/" + location
                + "/clusters/" + cluster;
        List<String> audiences = new ArrayList<>();
        audiences.add(pool);
        if (sa.audiences != null) {
            audiences.addAll(sa.audiences);
        }
        Map<String, String> annotations = store.kube().serviceAccountAnnotations(namespace, sa.name)
                .orElseThrow(() -> ProviderException.invalidConfig(FIELD + ".serviceAccountRef: ServiceAccount "
                        + namespace + "/" + sa.name + " not found"));
        TokenExchange exchange = new TokenExchange(options);
        return exchange.kubernetesSubject(store.kube(), namespace, sa.name, audiences,
                "identitynamespace:" + pool + ":" + identityProvider,
                exchange.impersonationUrl(annotations.get(TokenExchange.GSA_ANNOTATION)), transport);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
