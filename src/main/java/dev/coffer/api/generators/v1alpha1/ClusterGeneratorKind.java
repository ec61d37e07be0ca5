package dev.coffer.api.generators.v1alpha1;

/** The generator kinds a ClusterGenerator may wrap, as upstream lists them. */
public enum ClusterGeneratorKind {
    ACRAccessToken,
    BeyondtrustWorkloadCredentialsDynamicSecret,
    CloudsmithAccessToken,
    ECRAuthorizationToken,
    Fake,
    GCRAccessToken,
    GithubAccessToken,
    GitlabDeployToken,
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
