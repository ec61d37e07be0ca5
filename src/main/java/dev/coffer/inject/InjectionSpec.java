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
 */
public record InjectionSpec(String role, String authPath, String vaultNamespace, String volumePath,
                            boolean prePopulateOnly, List<InjectedFile> files) {

    public InjectionSpec {
        files = List.copyOf(files);
    }
}
