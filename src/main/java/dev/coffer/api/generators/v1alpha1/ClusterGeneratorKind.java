package dev.coffer.api.generators.v1alpha1;

/** The generator kinds a ClusterGenerator may wrap, as upstream lists them. */
public enum ClusterGeneratorKind {
    ACRAccessToken,
    BeyondtrustWorkloadCredentialsDynamicSecret,
    CloudsmithAccessToken,
    CodeArtifactAuthorizationToken,
    ECRAuthorizationToken,
    Fake,
    GCRAccessToken,
    GithubAccessToken,
    QuayAccessToken,
    Password,
    SSHKey,
    STSSessionToken,
    UUID,
    VaultDynamicSecret,
    Webhook,
    Grafana,
    MFA
}
