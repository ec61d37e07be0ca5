package dev.coffer.sync;

/** The templater every entry point uses (operator, render), so they render alike. */
public final class Templaters {

    private Templaters() {
    }

    public static SecretTemplater standard() {
        return new GoTemplater();
    }
}
