package dev.coffer.provider.vault;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Requests to any Vault path through a store's connection and token (the generators use it for
 * dynamic secrets engines), and the lease calls {@code sys/leases/renew} and {@code revoke}.
 * Errors are typed {@code ProviderException}s naming the path, never a returned value.
 */
public interface VaultLogical {

    /**
     * Sends one request. {@code method} GET (default), LIST, DELETE, or a write method whose body
     * is {@code body}; {@code query} goes into the query string of a GET.
     *
     * @return Vault's JSON answer, or null when it answered without a body
     */
    JsonNode request(String method, String path, JsonNode body, Map<String, List<String>> query);

    /** Renews a lease by {@code incrementSeconds}; returns Vault's answer (lease_id, lease_duration, renewable). */
    JsonNode renewLease(String leaseId, long incrementSeconds);

    /** Revokes a lease; an unknown lease is not an error. */
    void revokeLease(String leaseId);
}
