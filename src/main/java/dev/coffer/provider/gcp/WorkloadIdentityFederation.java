package dev.coffer.provider.gcp;

import com.google.auth.oauth2.AwsCredentials;
import com.google.auth.oauth2.AwsSecurityCredentials;
import com.google.auth.oauth2.AwsSecurityCredentialsSupplier;
import com.google.auth.oauth2.ExternalAccountSupplierContext;
import com.google.auth.oauth2.GoogleCredentials;
import dev.coffer.api.externalsecrets.v1.providers.GcpAwsSecurityCredentials;
import dev.coffer.api.externalsecrets.v1.providers.GcpWorkloadIdentityFederation;
import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;
import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Workload identity federation ({@code auth.workloadIdentityFederation}) with Kubernetes or AWS as
 * the identity provider: a TokenRequest token of {@code serviceAccountRef}, or AWS keys from
 * {@code awsSecurityCredentials}, exchanged at STS for {@code audience}; then, if a Google
 * service account is named ({@code gcpServiceAccountEmail}, else the ServiceAccount's
 * {@code iam.gke.io/gcp-service-account} annotation), impersonated. A {@code credConfig}
 * (an external account file from a ConfigMap) is not supported by Coffer yet.
 */
final class WorkloadIdentityFederation {

    static final String FIELD = "spec.provider.gcpsm.auth.workloadIdentityFederation";
    private static final String AWS_KEY_ID = "aws_access_key_id";
    private static final String AWS_SECRET = "aws_secret_access_key";
    private static final String AWS_SESSION = "aws_session_token";

    private WorkloadIdentityFederation() {
    }

    /** Static checks, as upstream: exactly one subject source, and an audience with the inline ones. */
    static void validate(GcpWorkloadIdentityFederation wif) {
        int sources = (wif.credConfig != null ? 1 : 0) + (wif.serviceAccountRef != null ? 1 : 0)
                + (wif.awsSecurityCredentials != null ? 1 : 0);
        if (sources != 1) {
            throw ProviderException.invalidConfig(FIELD + ": set exactly one of credConfig, serviceAccountRef or"
                    + " awsSecurityCredentials");
        }
        if (wif.credConfig != null) {
            throw ProviderException.invalidConfig(FIELD + ".credConfig (an external account file) is not supported by"
                    + " Coffer yet; use serviceAccountRef or awsSecurityCredentials with audience");
        }
        if (wif.audience == null || wif.audience.isBlank()) {
            throw ProviderException.invalidConfig(FIELD + ".audience is required with serviceAccountRef or"
                    + " awsSecurityCredentials");
        }
    }

    static GoogleCredentials credentials(StoreContext store, GcpOptions options, GoogleTransport transport) {
        GcpWorkloadIdentityFederation wif = store.spec().provider.gcpsm.auth.workloadIdentityFederation;
        validate(wif);
        TokenExchange exchange = new TokenExchange(options);
        if (wif.serviceAccountRef != null) {
            ServiceAccountSelector sa = wif.serviceAccountRef;
            String namespace = store.namespaceOf(sa.namespace, FIELD + ".serviceAccountRef");
            String gsa = wif.gcpServiceAccountEmail;
            if (gsa == null || gsa.isBlank()) {
                Map<String, String> annotations = store.kube().serviceAccountAnnotations(namespace, sa.name).orElse(Map.of());
                gsa = annotations.get(TokenExchange.GSA_ANNOTATION);
            }
            List<String> audiences = sa.audiences == null || sa.audiences.isEmpty() ? List.of(wif.audience) : sa.audiences;
            return exchange.kubernetesSubject(store.kube(), namespace, sa.name, audiences, wif.audience,
                    exchange.impersonationUrl(gsa), transport);
        }
        return aws(store, wif, exchange, transport);
    }

    private static GoogleCredentials aws(StoreContext store, GcpWorkloadIdentityFederation wif, TokenExchange exchange,
                                         GoogleTransport transport) {
        GcpAwsSecurityCredentials aws = wif.awsSecurityCredentials;
        String what = FIELD + ".awsSecurityCredentials.awsCredentialsSecretRef";
        if (aws.awsCredentialsSecretRef == null || aws.awsCredentialsSecretRef.name == null) {
            throw ProviderException.invalidConfig(what + ".name is required");
        }
        String namespace = store.namespaceOf(aws.awsCredentialsSecretRef.namespace, what);
        Secret secret = store.kube().secret(namespace, aws.awsCredentialsSecretRef.name)
                .orElseThrow(() -> ProviderException.invalidConfig(what + ": Secret " + namespace + "/"
                        + aws.awsCredentialsSecretRef.name + " not found"));
        String keyId = value(secret, AWS_KEY_ID);
        String key = value(secret, AWS_SECRET);
        if (keyId == null || key == null) {
            throw ProviderException.invalidConfig(what + ": Secret " + namespace + "/" + aws.awsCredentialsSecretRef.name
                    + " needs the keys " + AWS_KEY_ID + " and " + AWS_SECRET);
        }
        AwsSecurityCredentials keys = new AwsSecurityCredentials(keyId, key, value(secret, AWS_SESSION));
        String region = aws.region;
        AwsSecurityCredentialsSupplier supplier = new AwsSecurityCredentialsSupplier() {
            @Override
            public String getRegion(ExternalAccountSupplierContext context) {
                return region;
            }

            @Override
            public AwsSecurityCredentials getCredentials(ExternalAccountSupplierContext context) {
                return keys;
            }
        };
        return AwsCredentials.newBuilder()
                .setAwsSecurityCredentialsSupplier(supplier)
                .setSubjectTokenType(TokenExchange.AWS_TOKEN_TYPE)
                .setAudience(wif.audience)
                .setTokenUrl(exchange.stsUrl())
                .setServiceAccountImpersonationUrl(exchange.impersonationUrl(wif.gcpServiceAccountEmail))
                .setScopes(GcpCredentials.SCOPES)
                .setHttpTransportFactory(transport.httpFactory())
                .build();
    }

    private static String value(Secret secret, String key) {
        String b64 = secret.getData() == null ? null : secret.getData().get(key);
        if (b64 != null) {
            return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8).trim();
        }
        String plain = secret.getStringData() == null ? null : secret.getStringData().get(key);
        return plain == null || plain.isBlank() ? null : plain.trim();
    }
}
