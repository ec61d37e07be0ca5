package dev.coffer.provider.gcp;

import com.google.auth.oauth2.IdentityPoolCredentials;
import com.google.auth.oauth2.IdentityPoolSubjectTokenSupplier;
import dev.coffer.provider.KubeAccess;

import java.util.List;

/**
 * What GKE workload identity and federation share: the STS token exchange of a Kubernetes
 * service-account token (through the auth library's identity-pool credentials, which cache the
 * result until near expiry) and the optional impersonation of a Google service account.
 */
final class TokenExchange {

    static final String GSA_ANNOTATION = "iam.gke.io/gcp-service-account";
    static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    static final String AWS_TOKEN_TYPE = "urn:ietf:params:aws:token-type:aws4_request";
    private static final String STS = "https://sts.googleapis.com/v1/token";
    private static final String IAM_CREDENTIALS = "https://iamcredentials.googleapis.com";

    private final GcpOptions options;

    TokenExchange(GcpOptions options) {
        this.options = options;
    }

    String stsUrl() {
        String url = options.setting(GcpOptions.STS_URL);
        return url == null ? STS : url;
    }

    /** The generateAccessToken URL of a Google service account, or null for none. */
    String impersonationUrl(String serviceAccountEmail) {
        if (serviceAccountEmail == null || serviceAccountEmail.isBlank()) {
            return null;
        }
        String base = options.setting(GcpOptions.IAM_CREDENTIALS_URL);
        return (base == null ? IAM_CREDENTIALS : base) + "/v1/projects/-/serviceAccounts/" + serviceAccountEmail
                + ":generateAccessToken";
    }

    /** Identity-pool credentials whose subject token is a fresh TokenRequest token of the service account. */
    IdentityPoolCredentials kubernetesSubject(KubeAccess kube, String namespace, String name, List<String> audiences,
                                              String stsAudience, String impersonationUrl, GoogleTransport transport) {
        IdentityPoolSubjectTokenSupplier tokens = new SubjectTokens(kube, namespace, name, audiences, System::nanoTime);
        return IdentityPoolCredentials.newBuilder()
                .setSubjectTokenSupplier(tokens)
                .setSubjectTokenType(JWT_TOKEN_TYPE)
                .setAudience(stsAudience)
                .setTokenUrl(stsUrl())
                .setServiceAccountImpersonationUrl(impersonationUrl)
                .setScopes(GcpCredentials.SCOPES)
                .setHttpTransportFactory(transport.httpFactory())
                .build();
    }
}
