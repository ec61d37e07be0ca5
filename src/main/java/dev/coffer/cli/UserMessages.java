package dev.coffer.cli;

/** Turns an exception into the one line a user sees: its message, never a stack trace. */
final class UserMessages {

    private UserMessages() {
    }

    static String of(Throwable t) {
        Throwable cur = t;
        while (cur.getMessage() == null && cur.getCause() != null) {
            cur = cur.getCause();
        }
        String msg = cur.getMessage();
        return msg == null || msg.isBlank() ? cur.getClass().getSimpleName() : msg;
    }
}
