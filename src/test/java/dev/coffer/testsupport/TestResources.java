package dev.coffer.testsupport;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.SecretStore;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** Small builders for the resources the reconciler tests use. */
public final class TestResources {

    private TestResources() {
    }

    /** A fake SecretStore; entries are key → value (unversioned). */
    public static SecretStore fakeStore(String namespace, String name, Map<String, String> entries) {
        return secretStore(namespace, name, "fake:\n  data:\n" + fakeData(entries).indent(-4));
    }

    /** A SecretStore whose spec.provider is {@code providerYaml} (unindented, one provider block). */
    public static SecretStore secretStore(String namespace, String name, String providerYaml) {
        return Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  provider:
                %s
                """.formatted(name, namespace, providerYaml.indent(4)), SecretStore.class);
    }

    /** An AWS Secrets Manager store with IRSA: the role comes from the ServiceAccount's eks.amazonaws.com/role-arn annotation. */
    public static SecretStore irsaStore(String namespace, String name, String serviceAccount) {
        return secretStore(namespace, name, """
                aws:
                  service: SecretsManager
                  region: eu-west-1
                  auth:
                    jwt:
                      serviceAccountRef: {name: %s}
                """.formatted(serviceAccount));
    }

    /** An ExternalSecret refreshed hourly from a store; {@code specTail} is spec YAML indented by two spaces. */
    public static ExternalSecret externalSecretOn(String namespace, String name, String storeKind, String store, String specTail) {
        return externalSecret("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  refreshInterval: 1h
                  secretStoreRef:
                    name: %s
                    kind: %s
                %s
                """.formatted(name, namespace, store, storeKind, specTail));
    }

    public static ClusterSecretStore fakeClusterStore(String name, Map<String, String> entries, String conditionsYaml) {
        return Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata:
                  name: %s
                spec:
                %s
                  provider:
                    fake:
                      data:
                %s
                """.formatted(name, conditionsYaml == null ? "" : conditionsYaml, fakeData(entries)), ClusterSecretStore.class);
    }

    private static String fakeData(Map<String, String> entries) {
        return entries.entrySet().stream()
                .map(e -> "        - key: " + quote(e.getKey()) + "\n          value: " + quote(e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    public static ExternalSecret externalSecret(String yaml) {
        return Manifests.parse(yaml, ExternalSecret.class);
    }

    public static Secret secret(String namespace, String name, Map<String, String> plain) {
        return new SecretBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withData(plain.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))))
                .build();
    }

    public static String decoded(Secret secret, String key) {
        String v = secret.getData() == null ? null : secret.getData().get(key);
        return v == null ? null : new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
