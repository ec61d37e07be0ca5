package dev.coffer.generator;

import dev.coffer.provider.KubeAccess;
import dev.coffer.store.ClientCache;

/**
 * What a generator may use: the ExternalSecret's namespace (references without a namespace
 * resolve there), read access to Kubernetes, and the shared provider client cache (so a Vault
 * generator logs in once and keeps its token).
 */
public record GeneratorContext(String namespace, KubeAccess kube, ClientCache clients) {
}
