package dev.coffer.sealing.kubeseal;

/**
 * The namespace a Secret without one is sealed for, and whether the user named it
 * ({@code --namespace}, or its environment variable) or it came from the kubeconfig's context
 * (or the fallback {@code default}). Only a named one conflicts with a Secret's own namespace.
 */
public record TargetNamespace(String name, boolean explicit) {

    public static final String FALLBACK = "default";
}
