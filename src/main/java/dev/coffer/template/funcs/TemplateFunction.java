package dev.coffer.template.funcs;

import java.util.List;

/**
 * A named template function with its Go signature. When {@code variadic}, the last parameter type
 * applies to every remaining argument and the body receives them all in one flat array.
 */
public record TemplateFunction(String name, List<ParamType> params, boolean variadic, Evaluation evaluation,
                               FunctionBody body) {
    /** and/or evaluate their arguments lazily and stop early, as Go 1.18+ does. */
    public enum Evaluation { EAGER, AND, OR }

    public int fixedParams() {
        return variadic ? params.size() - 1 : params.size();
    }

    public ParamType paramAt(int i) {
        return i < params.size() ? params.get(i) : params.get(params.size() - 1);
    }
}
