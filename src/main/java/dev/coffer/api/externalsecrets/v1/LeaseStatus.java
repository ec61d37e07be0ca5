package dev.coffer.api.externalsecrets.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Coffer extension: a lease held for generated credentials (times in RFC 3339). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LeaseStatus {

    /** The lease id as Vault issued it (an identifier, not a credential). */
    public String id;

    public Boolean renewable;

    /** The TTL granted when the credentials were issued; each renewal asks for it again. */
    public Long ttlSeconds;

    /** When Coffer renews the lease next (a fraction of its TTL, with jitter). */
    public String renewTime;

    /** When the lease runs out unless renewed. */
    public String expiryTime;
}
