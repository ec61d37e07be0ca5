package dev.coffer.inject;

/** A pod asked for injection with annotations that cannot be honoured; the message names the annotation, never a value of a secret. */
public final class InjectionException extends Exception {

    public InjectionException(String message) {
        super(message);
    }
}
