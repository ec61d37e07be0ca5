package dev.coffer.sync;

import io.fabric8.kubernetes.api.model.Secret;

/** What the write step must do: create, update, or nothing; and the Secret to send. */
public record SecretWritePlan(Action action, Secret secret) {

    public enum Action { CREATE, UPDATE, NONE }

    static SecretWritePlan none(Secret live) {
        return new SecretWritePlan(Action.NONE, live);
    }
}
