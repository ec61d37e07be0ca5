package dev.coffer.sync;

import io.fabric8.kubernetes.api.model.Secret;

/** What the write step must do, and the Secret to send (the live one when nothing is sent; null when there is none). */
public record SecretWritePlan(Action action, Secret secret) {

    public enum Action {
        CREATE,
        UPDATE,
        /** Nothing changed, or creationPolicy None. */
        NONE,
        /** The data differs, but the live Secret is immutable: it is kept as it is (as upstream). */
        KEEP_IMMUTABLE,
        /** creationPolicy Merge and there is no Secret to merge into yet. */
        TARGET_MISSING
    }

    static SecretWritePlan none(Secret live) {
        return new SecretWritePlan(Action.NONE, live);
    }

    static SecretWritePlan missing() {
        return new SecretWritePlan(Action.TARGET_MISSING, null);
    }
}
