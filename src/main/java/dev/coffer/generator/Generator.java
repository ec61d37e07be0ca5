package dev.coffer.generator;

import java.util.Optional;

/**
 * One generator kind: produces values from a spec instead of reading them from a store. A
 * generator that hands out leased credentials (VaultDynamicSecret) also renews and revokes
 * its leases; the others keep the defaults. Errors are {@code ProviderException}s whose
 * messages name the generator, never a generated value.
 */
public interface Generator {

    /** The generator kind, e.g. "Password". */
    String kind();

    /** New values, with the lease that backs them if any. */
    Generated generate(ResolvedGenerator generator, GeneratorContext context);

    /**
     * Extends a lease by {@code incrementSeconds}; empty when the backend refuses to renew it.
     */
    default Optional<Lease> renew(ResolvedGenerator generator, GeneratorContext context, String leaseId, long incrementSeconds) {
        return Optional.empty();
    }

    /** Revokes a lease; a lease that is already gone is not an error. */
    default void revoke(ResolvedGenerator generator, GeneratorContext context, String leaseId) {
    }
}
