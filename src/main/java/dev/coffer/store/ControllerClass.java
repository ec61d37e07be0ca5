package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.SecretStoreSpec;

/**
 * ESO's controller class: a SecretStore or ClusterSecretStore with {@code spec.controller} set
 * belongs to the controller of that class, and the others leave it, and the ExternalSecrets using
 * it, alone (no status, no event). A store without a class belongs to every controller. This is
 * what lets Coffer run beside ESO during a migration, one store at a time.
 *
 * @param name this controller's class ({@code coffer.controller-class}); empty serves only stores without one
 */
public record ControllerClass(String name) {

    public static final ControllerClass NONE = new ControllerClass("");

    public ControllerClass {
        name = name == null ? "" : name.trim();
    }

    public boolean serves(SecretStoreSpec spec) {
        String wanted = spec == null ? null : spec.controller;
        return wanted == null || wanted.isEmpty() || wanted.equals(name);
    }
}
