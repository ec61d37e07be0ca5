package dev.coffer.template.funcs;

/**
 * The function set ESO offers to {@code target.template}: Go's builtins, sprig v3 (less env,
 * expandenv and getHostByName: no template may read the environment or reach DNS) and the
 * external-secrets extras. Built once; immutable.
 */
public final class Functions {
    private static final FunctionRegistry STANDARD = build();

    private Functions() {
    }

    public static FunctionRegistry standard() {
        return STANDARD;
    }

    private static FunctionRegistry build() {
        FunctionRegistry.Builder b = FunctionRegistry.builder();
        BuiltinFunctions.register(b);
        return b.build();
    }
}
