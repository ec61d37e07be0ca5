package dev.coffer.inject;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CofferAnnotationsTest {

    static Map<String, String> base() {
        Map<String, String> a = new HashMap<>();
        a.put("coffer.dev/inject", "true");
        a.put("coffer.dev/inject-secret-db", "vault-store/apps/db");
        return a;
    }

    @Test
    void aStoreAndKeyWithDefaults() throws InjectionException {
        StoreInjectionSpec spec = CofferAnnotations.read(base()).orElseThrow();
        assertThat(spec.volumePath()).isEqualTo("/coffer/secrets");
        assertThat(spec.prePopulateOnly()).isFalse();
        // the key keeps its slashes: only the first segment names the store
        assertThat(spec.files()).containsExactly(new StoreFile("db", "SecretStore", "vault-store", "apps/db",
                null, null, null, "db", null));
    }

    @Test
    void everyAnnotationIsRead() throws InjectionException {
        Map<String, String> a = base();
        a.put("coffer.dev/inject-secret-api", "ClusterSecretStore/shared.aws/prod/api");
        a.put("coffer.dev/inject-secret-tls", "SecretStore/certs/tls");
        a.put("coffer.dev/inject-property-api", "token");
        a.put("coffer.dev/inject-version-api", "AWSPREVIOUS");
        a.put("coffer.dev/inject-template-db", "user={{ .username }}");
        a.put("coffer.dev/inject-file-db", "conf/db.env");
        a.put("coffer.dev/inject-perms-db", "0400");
        a.put("coffer.dev/inject-pre-populate-only", "true");
        a.put("coffer.dev/secret-volume-path", "/etc/secrets");
        StoreInjectionSpec spec = CofferAnnotations.read(a).orElseThrow();
        assertThat(spec.volumePath()).isEqualTo("/etc/secrets");
        assertThat(spec.prePopulateOnly()).isTrue();
        assertThat(spec.files()).containsExactly(
                new StoreFile("api", "ClusterSecretStore", "shared.aws", "prod/api", "token", "AWSPREVIOUS", null, "api", null),
                new StoreFile("db", "SecretStore", "vault-store", "apps/db", null, null, "user={{ .username }}", "conf/db.env", "0400"),
                new StoreFile("tls", "SecretStore", "certs", "tls", null, null, null, "tls", null));
    }

    @Test
    void notAskedOrInjectedAlreadyIsNothing() throws InjectionException {
        assertThat(CofferAnnotations.read(Map.of())).isEmpty();
        assertThat(CofferAnnotations.read(null)).isEmpty();
        Map<String, String> a = base();
        a.put("coffer.dev/inject", "false");
        assertThat(CofferAnnotations.read(a)).isEmpty();
        a.put("coffer.dev/inject", "1");
        assertThat(CofferAnnotations.read(a)).isPresent();
        a.put("coffer.dev/inject-status", "injected");
        assertThat(CofferAnnotations.read(a)).isEmpty();
        // the operator still reads what an injected pod may be served
        assertThat(CofferAnnotations.requested(a)).isTrue();
        assertThat(CofferAnnotations.spec(a).files()).hasSize(1);
    }

    @Test
    void badAnnotationsAreOneLineNamingTheAnnotation() {
        assertError(Map.of("coffer.dev/inject", "true"), "coffer.dev/inject: \"true\" needs at least one coffer.dev/inject-secret-<name> annotation");
        assertError(with("coffer.dev/inject-secret-db", "no-slash"),
                "coffer.dev/inject-secret-db must be \"<store>/<key>\" or \"ClusterSecretStore/<store>/<key>\"");
        assertError(with("coffer.dev/inject-secret-db", "store/"),
                "coffer.dev/inject-secret-db must be \"<store>/<key>\" or \"ClusterSecretStore/<store>/<key>\"");
        assertError(with("coffer.dev/inject-secret-db", "ClusterSecretStore/key-only"),
                "coffer.dev/inject-secret-db must be \"<store>/<key>\" or \"ClusterSecretStore/<store>/<key>\"");
        assertError(with("coffer.dev/inject-secret-db", "Bad_Store/key"), "coffer.dev/inject-secret-db: \"Bad_Store\" is not a store name");
        assertError(with("coffer.dev/inject-secret-db", " "), "coffer.dev/inject-secret-db needs a name and a \"<store>/<key>\" value");
        assertError(with("coffer.dev/inject-file-db", "../etc/passwd"),
                "coffer.dev/inject-file-db must be a relative file name (letters, digits, '.', '_', '-', '/')");
        assertError(with("coffer.dev/inject-perms-db", "rw-"), "coffer.dev/inject-perms-db must be an octal file mode such as 0400");
        assertError(with("coffer.dev/inject-property-other", "x"), "coffer.dev/inject-property-other has no matching coffer.dev/inject-secret-other");
        assertError(with("coffer.dev/secret-volume-path", "relative"), "coffer.dev/secret-volume-path must be an absolute path without '..'");
    }

    static Map<String, String> with(String key, String value) {
        Map<String, String> a = base();
        a.put(key, value);
        return a;
    }

    static void assertError(Map<String, String> annotations, String message) {
        assertThatThrownBy(() -> CofferAnnotations.read(annotations)).isInstanceOf(InjectionException.class).hasMessage(message);
    }
}
