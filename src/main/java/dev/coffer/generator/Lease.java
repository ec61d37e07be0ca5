package dev.coffer.generator;

/** A lease as the backend granted it: its id, its TTL from now, and whether it can be renewed. */
public record Lease(String id, long ttlSeconds, boolean renewable) {
}
