package dev.coffer.template.funcs;

/**
 * The Go parameter types template functions declare. The executor converts literal arguments
 * and checks other values against them the way Go's reflect-based call does, with Go's messages
 * ({@code wrong type for value; expected string; got int}).
 */
public enum ParamType {
    ANY("interface {}", true),
    STRING("string", false),
    INT("int", false),
    INT64("int64", false),
    UINT32("uint32", false),
    FLOAT64("float64", false),
    BOOL("bool", false),
    MAP("map[string]interface {}", true),
    LIST("[]interface {}", true),
    TIME("time.Time", false);

    private final String goName;
    private final boolean nilable;

    ParamType(String goName, boolean nilable) {
        this.goName = goName;
        this.nilable = nilable;
    }

    public String goName() {
        return goName;
    }

    /** Whether Go lets nil be passed for this type. */
    public boolean nilable() {
        return nilable;
    }

    public boolean isInteger() {
        return this == INT || this == INT64 || this == UINT32;
    }
}
