package dev.coffer.api.externalsecrets.v1.providers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** GCP login. Accepted in the schema; Coffer does not support it yet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VaultGcpAuth {

    @Default("gcp")
    public String path;

    @Required
    public String role;

    public String projectID;

    public String location;

    public VaultGcpSecretRef secretRef;

    public VaultGcpWorkloadIdentity workloadIdentity;

    public ServiceAccountSelector serviceAccountRef;
}
