package dev.coffer.provider.kubernetes;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.FindName;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.StoreFixtures;

import java.util.Map;

/** Store manifests and remote refs shared by the kubernetes provider tests. */
final class KubeStores {

    static final String APPS = "apps";
    static final String REMOTE_NS = "shared-secrets";

    private KubeStores() {
    }

    /** A SecretStore in {@code apps} reading {@code shared-secrets}; {@code providerBody} is indented YAML under {@code kubernetes:}. */
    static StoreContext secretStore(String providerBody, KubeAccess kube) {
        return StoreFixtures.context("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata:
                  name: remote
                  namespace: apps
                spec:
                  provider:
                    kubernetes:
                      remoteNamespace: shared-secrets
                """ + indent(providerBody, 6), kube);
    }

    static StoreContext clusterStore(String providerBody, KubeAccess kube, String consumerNamespace) {
        return StoreFixtures.context("""
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata:
                  name: remote
                spec:
                  provider:
                    kubernetes:
                      remoteNamespace: shared-secrets
                """ + indent(providerBody, 6), kube, consumerNamespace);
    }

    /**
     * Token auth against {@code url}, the token in Secret apps/remote-token key {@code token};
     * {@code serverLine} adds one line (caBundle, caProvider) to the server block.
     */
    static String tokenAuth(String url, String serverLine) {
        return """
                server:
                  url: %s
                  %s
                auth:
                  token:
                    bearerToken:
                      name: remote-token
                      key: token
                """.formatted(url, serverLine);
    }

    static String tokenAuth(String url) {
        return tokenAuth(url, "");
    }

    static ExternalSecretDataRemoteRef ref(String key, String property) {
        ExternalSecretDataRemoteRef ref = new ExternalSecretDataRemoteRef();
        ref.key = key;
        ref.property = property;
        return ref;
    }

    static ExternalSecretDataRemoteRef metadataRef(String key, String property) {
        ExternalSecretDataRemoteRef ref = ref(key, property);
        ref.metadataPolicy = MetadataPolicy.Fetch;
        return ref;
    }

    static ExternalSecretFind find(String regexp, Map<String, String> tags) {
        ExternalSecretFind find = new ExternalSecretFind();
        if (regexp != null) {
            find.name = new FindName();
            find.name.regexp = regexp;
        }
        find.tags = tags;
        return find;
    }

    private static String indent(String body, int spaces) {
        return body.stripIndent().lines().map(l -> " ".repeat(spaces) + l).reduce("", (a, b) -> a + b + "\n");
    }
}
