package dev.coffer.template.funcs;

/**
 * A template function failed. The message is shown to users as
 * {@code error calling NAME: MESSAGE}, so it must never contain a data value.
 */
public class FunctionException extends Exception {
    public FunctionException(String message) {
        super(message, null, false, false);
    }
}
