package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** GKE workload identity for Vault GCP login. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultGcpWorkloadIdentity {

    @Required
    public ServiceAccountSelector serviceAccountRef;

    public String clusterLocation;

    public String clusterName;

    public String clusterProjectID;
}
