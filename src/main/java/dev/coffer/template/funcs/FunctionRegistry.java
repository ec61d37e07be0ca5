package dev.coffer.template.funcs;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The functions templates may call, by name. Built once and then only read, so one registry is
 * shared by every template and every concurrent execution.
 */
public final class FunctionRegistry {
    private final Map<String, TemplateFunction> functions;

    private FunctionRegistry(Map<String, TemplateFunction> functions) {
        this.functions = Map.copyOf(functions);
    }

    public TemplateFunction get(String name) {
        return functions.get(name);
    }

    public boolean has(String name) {
        return functions.containsKey(name);
    }

    public Set<String> names() {
        return functions.keySet();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects functions; groups add theirs through {@link #add} and {@link #addVariadic}. */
    public static final class Builder {
        private final Map<String, TemplateFunction> functions = new HashMap<>();

        /** A function with a fixed parameter list. */
        public Builder add(String name, FunctionBody body, ParamType... params) {
            functions.put(name, new TemplateFunction(name, Arrays.asList(params), false,
                    TemplateFunction.Evaluation.EAGER, body));
            return this;
        }

        /** A function whose last parameter repeats ({@code ...T} in Go). */
        public Builder addVariadic(String name, FunctionBody body, ParamType... params) {
            functions.put(name, new TemplateFunction(name, Arrays.asList(params), true,
                    TemplateFunction.Evaluation.EAGER, body));
            return this;
        }

        public Builder add(TemplateFunction function) {
            functions.put(function.name(), function);
            return this;
        }

        /** Another name for an existing function (sprig's push/append, tuple/list, ...). */
        public Builder alias(String alias, String existing) {
            TemplateFunction f = functions.get(existing);
            functions.put(alias, new TemplateFunction(alias, f.params(), f.variadic(), f.evaluation(), f.body()));
            return this;
        }

        public Builder remove(String name) {
            functions.remove(name);
            return this;
        }

        public FunctionRegistry build() {
            return new FunctionRegistry(functions);
        }
    }
}
