package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretCondition;

/**
 * The result of one reconciliation as the user sees it: the {@code Synced} condition and the
 * event. The one place that turns an error into a reason and message.
 */
public record Outcome(boolean synced, String reason, String message, String eventType) {

    public static final String UNSEALED = "Unsealed";
    public static final String ERR_UNSEAL_FAILED = "ErrUnsealFailed";
    public static final String ERR_UPDATE_FAILED = "ErrUpdateFailed";
    public static final String SYNCED = "Synced";

    public static Outcome unsealed() {
        return new Outcome(true, UNSEALED, "SealedSecret unsealed successfully", "Normal");
    }

    public static Outcome unsealFailed(String safeMessage) {
        return new Outcome(false, ERR_UNSEAL_FAILED, "Failed to unseal: " + safeMessage, "Warning");
    }

    public static Outcome updateFailed(String safeMessage) {
        return new Outcome(false, ERR_UPDATE_FAILED, safeMessage, "Warning");
    }

    public SealedSecretCondition condition() {
        return new SealedSecretCondition(SYNCED, synced ? "True" : "False", reason, synced ? null : message);
    }
}
