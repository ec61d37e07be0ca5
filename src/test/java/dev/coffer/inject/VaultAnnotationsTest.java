package dev.coffer.inject;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaultAnnotationsTest {

    static Map<String, String> base() {
        Map<String, String> a = new HashMap<>();
        a.put("vault.hashicorp.com/agent-inject", "true");
        a.put("vault.hashicorp.com/role", "myapp");
        a.put("vault.hashicorp.com/agent-inject-secret-database", "secret/data/myapp/database");
        return a;
    }

    @Test
    void theIssuesExampleReadsWithTheInjectorsDefaults() throws InjectionException {
        Map<String, String> a = base();
        a.put("vault.hashicorp.com/agent-inject-template-database", "{{ with secret \"secret/data/myapp/database\" }}{{ end }}");
        InjectionSpec spec = VaultAnnotations.read(a).orElseThrow();
        assertThat(spec.role()).isEqualTo("myapp");
        assertThat(spec.authPath()).isEqualTo("auth/kubernetes");
        assertThat(spec.volumePath()).isEqualTo("/vault/secrets");
        assertThat(spec.prePopulateOnly()).isFalse();
        assertThat(spec.files()).containsExactly(new InjectedFile("database", "secret/data/myapp/database",
                "{{ with secret \"secret/data/myapp/database\" }}{{ end }}", "database", null));
    }

    @Test
    void everySupportedAnnotationIsRead() throws InjectionException {
        Map<String, String> a = base();
        a.put("vault.hashicorp.com/agent-inject-file-database", "db.env");
        a.put("vault.hashicorp.com/agent-inject-perms-database", "0400");
        a.put("vault.hashicorp.com/auth-path", "/auth/k8s-prod/");
        a.put("vault.hashicorp.com/namespace", "team-a");
        a.put("vault.hashicorp.com/secret-volume-path", "/etc/secrets");
        a.put("vault.hashicorp.com/agent-pre-populate-only", "T");
        InjectionSpec spec = VaultAnnotations.read(a).orElseThrow();
        assertThat(spec.authPath()).isEqualTo("auth/k8s-prod");
        assertThat(spec.vaultNamespace()).isEqualTo("team-a");
        assertThat(spec.volumePath()).isEqualTo("/etc/secrets");
        assertThat(spec.prePopulateOnly()).isTrue();
        assertThat(spec.files().get(0).fileName()).isEqualTo("db.env");
        assertThat(spec.files().get(0).perms()).isEqualTo("0400");
    }

    @Test
    void noInjectionAskedOrAlreadyInjectedIsEmpty() throws InjectionException {
        assertThat(VaultAnnotations.read(null)).isEmpty();
        assertThat(VaultAnnotations.read(Map.of("vault.hashicorp.com/agent-inject", "false"))).isEmpty();
        assertThat(VaultAnnotations.read(Map.of("vault.hashicorp.com/agent-inject", "yes"))).as("not a Go bool").isEmpty();
        Map<String, String> injected = base();
        injected.put("vault.hashicorp.com/agent-inject-status", "injected");
        assertThat(VaultAnnotations.read(injected)).isEmpty();
    }

    @Test
    void badAnnotationsGiveOneClearLine() {
        Map<String, String> noRole = base();
        noRole.remove("vault.hashicorp.com/role");
        assertThatThrownBy(() -> VaultAnnotations.read(noRole)).hasMessage(
                "vault.hashicorp.com/role is required with vault.hashicorp.com/agent-inject: \"true\"");

        Map<String, String> perms = base();
        perms.put("vault.hashicorp.com/agent-inject-perms-database", "rw-------");
        assertThatThrownBy(() -> VaultAnnotations.read(perms)).hasMessageContaining("agent-inject-perms-database must be an octal");

        Map<String, String> escape = base();
        escape.put("vault.hashicorp.com/agent-inject-file-database", "../../etc/passwd");
        assertThatThrownBy(() -> VaultAnnotations.read(escape)).hasMessageContaining("must be a relative file name");

        Map<String, String> orphan = base();
        orphan.put("vault.hashicorp.com/agent-inject-template-cache", "{{ . }}");
        assertThatThrownBy(() -> VaultAnnotations.read(orphan))
                .hasMessage("vault.hashicorp.com/agent-inject-template-cache has no matching vault.hashicorp.com/agent-inject-secret-cache");

        Map<String, String> none = base();
        none.remove("vault.hashicorp.com/agent-inject-secret-database");
        assertThatThrownBy(() -> VaultAnnotations.read(none)).hasMessageContaining("needs at least one");

        Map<String, String> relative = base();
        relative.put("vault.hashicorp.com/secret-volume-path", "secrets");
        assertThatThrownBy(() -> VaultAnnotations.read(relative)).hasMessageContaining("secret-volume-path must be an absolute path");
    }

    @Test
    void theAgentsTlsAnnotationsAreRead() throws InjectionException {
        Map<String, String> a = base();
        assertThat(VaultAnnotations.read(a).orElseThrow().tls()).isEqualTo(AgentTlsSettings.NONE);
        a.put("vault.hashicorp.com/tls-secret", "vault-tls");
        a.put("vault.hashicorp.com/ca-cert", "/vault/tls/ca.crt");
        a.put("vault.hashicorp.com/tls-server-name", "vault.internal");
        a.put("vault.hashicorp.com/tls-skip-verify", "false");
        assertThat(VaultAnnotations.read(a).orElseThrow().tls())
                .isEqualTo(new AgentTlsSettings(false, "/vault/tls/ca.crt", "vault.internal", "vault-tls"));
        a.put("vault.hashicorp.com/tls-skip-verify", "true");
        assertThat(VaultAnnotations.read(a).orElseThrow().tls().skipVerify()).isTrue();
        a.put("vault.hashicorp.com/ca-cert", "ca.crt");
        assertThatThrownBy(() -> VaultAnnotations.read(a)).isInstanceOf(InjectionException.class)
                .hasMessageStartingWith("vault.hashicorp.com/ca-cert must be an absolute path in the agent container");
    }
}
