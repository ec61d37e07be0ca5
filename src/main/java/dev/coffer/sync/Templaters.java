package dev.coffer.sync;

/**
 * The templater every entry point uses (operator, render), so they render alike. Until the Go
 * template engine is wired in, templates may set type and metadata only.
 */
public final class Templaters {

    private Templaters() {
    }

    public static SecretTemplater standard() {
        return new MetadataOnlyTemplater();
    }
}
