package dev.coffer.inject.render;

import dev.coffer.inject.StoreFile;
import dev.coffer.provider.ProviderException;
import dev.coffer.store.StoreNotUsableException;

/**
 * A render that could not be served, in one line for the agent, the pod's event and the log:
 * the HTTP status, and a message naming the file, store and key, never a value.
 */
public final class RenderException extends Exception {

    private final int status;
    private final transient StoreFile file;

    public RenderException(int status, String message) {
        this(status, message, null);
    }

    private RenderException(int status, String message, StoreFile file) {
        super(message);
        this.status = status;
        this.file = file;
    }

    /** The file that failed, or null when the render failed before any file. */
    public StoreFile file() {
        return file;
    }

    public int status() {
        return status;
    }

    /** A file's failure: messages of providers, stores and templates are safe to show (they name, never quote). */
    static RenderException of(StoreFile f, RuntimeException e) {
        String where = "file " + f.name() + " (" + f.storePath() + ", key " + f.key() + "): ";
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        if (e instanceof StoreNotUsableException) {
            return new RenderException(403, where + m, f);
        }
        if (e instanceof ProviderException p) {
            int status = switch (p.kind()) {
                case NOT_FOUND, MISSING_VALUE -> 404;
                case ACCESS_DENIED -> 403;
                case INVALID_CONFIG -> 422;
                default -> 502;
            };
            return new RenderException(status, where + m, f);
        }
        // templates (InvalidSpecException, with values redacted) and anything else
        return new RenderException(422, where + m, f);
    }
}
