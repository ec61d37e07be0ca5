package dev.coffer.template.value;

/**
 * A Go struct-like value produced by a function (a semver version, a generated certificate, ...):
 * templates read its exported fields or argument-less methods with {@code .Name}.
 * {@link #toString()} is what Go's fmt prints for it (its String method, or the struct layout).
 */
public interface TemplateObject {
    /** Marker returned by {@link #field} when the object has no such field or method. */
    Object NO_FIELD = new Object();

    /** The field or method result, or {@link #NO_FIELD}. */
    Object field(String name);

    /** Go's {@code %T} of the value, e.g. {@code *semver.Version}. */
    String goTypeName();

    /** Go's reflect kind name of the value, e.g. {@code ptr} or {@code struct}. */
    default String goKindName() {
        return goTypeName().startsWith("*") ? "ptr" : "struct";
    }
}
