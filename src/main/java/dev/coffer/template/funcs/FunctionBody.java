package dev.coffer.template.funcs;

/** The code of a template function; arguments arrive already checked against its parameter types. */
@FunctionalInterface
public interface FunctionBody {
    Object call(Object[] args) throws Exception;
}
