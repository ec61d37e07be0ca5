package dev.coffer.inject;

import java.util.List;

/**
 * What a pod asked for with the Vault Agent Injector's annotations.
 *
 * @param role            the Vault kubernetes-auth role
 * @param authPath        the auth mount, {@code auth/kubernetes} by default
 * @param vaultNamespace  the Vault Enterprise namespace, or null
 * @param volumePath      where the files appear in every app container, {@code /vault/secrets} by default
 * @param prePopulateOnly init container only: no sidecar, no renewal
 * @param files           the files to render, in name order
 * @param tls             the agent's TLS to Vault ({@code tls-skip-verify}, {@code ca-cert}, {@code tls-server-name}, {@code tls-secret})
 */
public record InjectionSpec(String role, String authPath, String vaultNamespace, String volumePath,
                            boolean prePopulateOnly, List<InjectedFile> files, AgentTlsSettings tls) {

    public InjectionSpec {
        files = List.copyOf(files);
        tls = tls == null ? AgentTlsSettings.NONE : tls;
    }

    /** With the JVM's TLS defaults. */
    public InjectionSpec(String role, String authPath, String vaultNamespace, String volumePath,
                         boolean prePopulateOnly, List<InjectedFile> files) {
        this(role, authPath, vaultNamespace, volumePath, prePopulateOnly, files, AgentTlsSettings.NONE);
    }
}
