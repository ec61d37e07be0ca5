package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How the gcpsm provider authenticates; at most one is set. The GCP shapes are shared with Vault's gcp login. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GcpSmAuth {

    /** A service-account key (JSON) from a Kubernetes Secret. */
    public VaultGcpSecretRef secretRef;

    /** GKE workload identity: a Kubernetes service-account token exchanged for a Google access token. */
    public VaultGcpWorkloadIdentity workloadIdentity;

    /** Workload identity federation with an external account configuration. */
    public GcpWorkloadIdentityFederation workloadIdentityFederation;
}
