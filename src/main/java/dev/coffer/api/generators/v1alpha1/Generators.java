package dev.coffer.api.generators.v1alpha1;

/** The API group of the generator kinds, as upstream serves them. */
public final class Generators {

    public static final String GROUP = "generators.external-secrets.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    private Generators() {
    }
}
