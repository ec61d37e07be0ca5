package dev.coffer.api.externalsecrets.v1.providers;

import io.fabric8.generator.annotation.Size;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;

/** GCP workload identity federation ({@code spec.provider.gcpsm.auth.workloadIdentityFederation}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GcpWorkloadIdentityFederation {

    /** A ConfigMap key holding an external account credential configuration (JSON). */
    public GcpConfigMapKey credConfig;

    /** A Kubernetes service account whose tokens are the subject tokens (Kubernetes as identity provider). */
    public ServiceAccountSelector serviceAccountRef;

    /** AWS credentials as the subject (AWS as identity provider). */
    public GcpAwsSecurityCredentials awsSecurityCredentials;

    /** The STS audience (workload identity pool provider); overrides the one in credConfig. */
    public String audience;

    /** Must equal {@code credential_source.url} of credConfig, as a double check. */
    public String externalTokenEndpoint;

    /** The Google service account to impersonate after the exchange. */
    @Pattern("^.*@.*\\.iam\\.gserviceaccount\\.com$")
    @Size(min = 1)
    public String gcpServiceAccountEmail;
}
