package dev.coffer.provider.kubernetes;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.provider.ProviderException;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.InMemoryKube;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Static validation of the kubernetes block: clear INVALID_CONFIG messages, no I/O. */
class KubernetesValidationTest {

    final InMemoryKube kube = new InMemoryKube().apiServerUrl("http://127.0.0.1:1");
    final KubernetesProviderImpl provider = new KubernetesProviderImpl();

    @Test
    void theRegistryPicksThisProviderForTheKubernetesBlock() {
        StoreContext store = KubeStores.secretStore("auth:\n  serviceAccount: {name: coffer-reader}\n", kube);
        assertThat(ProviderRegistry.standard().forBlock(store.spec().provider)).isInstanceOf(KubernetesProviderImpl.class);
    }

    @Test
    void aValidStoreOfEachAuthMethodPasses() {
        for (String body : new String[] {
                "auth:\n  serviceAccount: {name: coffer-reader, audiences: [a]}\n",
                "auth:\n  token:\n    bearerToken: {name: t, key: token}\n",
                "auth:\n  cert:\n    clientCert: {name: c, key: tls.crt}\n    clientKey: {name: c, key: tls.key}\n",
                "authRef: {name: kc, key: config}\n"}) {
            assertThatCode(() -> provider.validate(KubeStores.secretStore(body, kube))).doesNotThrowAnyException();
        }
    }

    @Test
    void exactlyOneAuthMethodIsRequired() {
        invalid("server: {url: https://example.com}\n",
                "spec.provider.kubernetes: set exactly one of auth.token, auth.cert, auth.serviceAccount or authRef, found none");
        invalid("auth:\n  serviceAccount: {name: a}\nauthRef: {name: kc, key: config}\n",
                "spec.provider.kubernetes: set exactly one of auth.token, auth.cert, auth.serviceAccount or authRef, "
                        + "found [auth.serviceAccount, authRef]");
    }

    @Test
    void secretReferencesNeedANameAndAKey() {
        invalid("auth:\n  token:\n    bearerToken: {name: t}\n", "spec.provider.kubernetes.auth.token.bearerToken.key is required");
        invalid("auth:\n  cert:\n    clientCert: {name: c, key: k}\n",
                "spec.provider.kubernetes.auth.cert.clientKey.name is required");
        invalid("authRef: {key: config}\n", "spec.provider.kubernetes.authRef.name is required");
    }

    @Test
    void aSecretStoreNamingAnotherNamespaceIsRejected() {
        invalid("auth:\n  token:\n    bearerToken: {name: t, key: token, namespace: kube-system}\n",
                "spec.provider.kubernetes.auth.token.bearerToken names namespace \"kube-system\": "
                        + "a SecretStore may only reference Secrets in its own namespace");
        invalid("auth:\n  serviceAccount: {name: admin, namespace: kube-system}\n",
                "spec.provider.kubernetes.auth.serviceAccount names namespace \"kube-system\": "
                        + "a SecretStore may only reference Secrets in its own namespace");
    }

    @Test
    void aClusterStoreMayNameOtherNamespacesButNeedsOneForItsCaProvider() {
        StoreContext ok = KubeStores.clusterStore(
                "auth:\n  token:\n    bearerToken: {name: t, key: token, namespace: kube-system}\n", kube, null);
        assertThatCode(() -> provider.validate(ok)).doesNotThrowAnyException();
        StoreContext noCaNamespace = KubeStores.clusterStore("""
                server:
                  caProvider: {type: ConfigMap, name: kube-root-ca.crt, key: ca.crt}
                auth:
                  serviceAccount: {name: coffer-reader, namespace: coffer}
                """, kube, null);
        assertThatThrownBy(() -> provider.validate(noCaNamespace)).isInstanceOf(ProviderException.class)
                .hasMessage("spec.provider.kubernetes.server.caProvider.namespace is required in a ClusterSecretStore");
    }

    @Test
    void serverSettingsAreChecked() {
        invalid("server: {url: 'https://'}\nauth:\n  serviceAccount: {name: a}\n",
                "spec.provider.kubernetes.server.url \"https://\" is not a valid http(s) URL");
        invalid("server: {caBundle: '***'}\nauth:\n  serviceAccount: {name: a}\n",
                "spec.provider.kubernetes.server.caBundle must be a base64-encoded PEM certificate bundle");
        invalid("server: {caBundle: aGVsbG8=}\nauth:\n  serviceAccount: {name: a}\n",
                "spec.provider.kubernetes.server.caBundle must be a base64-encoded PEM certificate bundle");
        invalid("server:\n  caProvider: {type: ConfigMap, name: ca}\nauth:\n  serviceAccount: {name: a}\n",
                "spec.provider.kubernetes.server.caProvider.key is required");
    }

    @Test
    void missingCredentialSecretsAreReportedWhenTheClientIsBuilt() {
        StoreContext store = KubeStores.secretStore("auth:\n  token:\n    bearerToken: {name: t, key: token}\n", kube);
        assertThatThrownBy(() -> provider.newClient(store)).isInstanceOf(ProviderException.class)
                .hasMessage("spec.provider.kubernetes.auth.token.bearerToken: Secret apps/t not found");
    }

    @Test
    void credentialRefsAreTheSecretKeysRead() {
        StoreContext cert = KubeStores.secretStore("""
                server:
                  caProvider: {type: Secret, name: ca, key: ca.crt}
                auth:
                  cert:
                    clientCert: {name: c, key: tls.crt}
                    clientKey: {name: c, key: tls.key}
                """, kube);
        assertThat(provider.credentialRefs(cert)).extracting(r -> r.name + "/" + r.key)
                .containsExactly("c/tls.crt", "c/tls.key", "ca/ca.crt");
        assertThat(provider.credentialRefs(KubeStores.secretStore("authRef: {name: kc, key: config}\n", kube)))
                .extracting(r -> r.name + "/" + r.key).containsExactly("kc/config");
        assertThat(provider.credentialRefs(KubeStores.secretStore("auth:\n  serviceAccount: {name: a}\n", kube))).isEmpty();
        assertThat(provider.credentialRefs(KubeStores.secretStore(
                "auth:\n  token:\n    bearerToken: {name: t, key: token}\n", kube)))
                .extracting((SecretKeySelector r) -> r.name).containsExactly("t");
    }

    private void invalid(String body, String message) {
        assertThatThrownBy(() -> provider.validate(KubeStores.secretStore(body, kube)))
                .isInstanceOf(ProviderException.class)
                .hasMessage(message)
                .extracting(e -> ((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
    }
}
