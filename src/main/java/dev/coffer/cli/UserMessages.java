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
        // One line: a library's further lines are source excerpts and locations, not for users.
        return msg == null || msg.isBlank() ? cur.getClass().getSimpleName() : msg.strip().lines().findFirst().orElse(msg);
    }
}
