package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Coffer extension (not in upstream's status): what one generator item of the spec produced at
 * the last sync, so a refresh or a restart can keep still-valid credentials (a Vault lease)
 * instead of creating new ones. Names keys, never values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GeneratorState {

    /** The spec item, e.g. "spec.dataFrom[0]" or "spec.data[1]". */
    public String source;

    /** The generator kind ("ClusterGenerator/<kind>" for a ClusterGenerator) and name. */
    public String kind;

    public String name;

    /** A hash of the generator's spec: a changed generator produces new values. */
    public String fingerprint;

    /** The Secret keys the item produced. */
    public List<String> keys;

    /** The lease of the values, when the generator issued one (VaultDynamicSecret). */
    public LeaseStatus lease;
}
