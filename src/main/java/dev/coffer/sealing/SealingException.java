package dev.coffer.sealing;

/**
 * A SealedSecret could not be sealed or unsealed. The message is safe to show a user: it names
 * keys, scopes and fingerprints, never a value, and it is never accompanied by a stack trace.
 */
public class SealingException extends Exception {

    public SealingException(String message) {
        super(message, null, false, false);
    }
}
