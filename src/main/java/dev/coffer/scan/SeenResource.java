package dev.coffer.scan;

/** An ExternalSecret or SealedSecret the scan saw: secrets referenced or encrypted, which is fine. */
public record SeenResource(String file, int line, String kind, String name) {
}
