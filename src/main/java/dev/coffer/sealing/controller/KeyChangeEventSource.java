package dev.coffer.sealing.controller;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretCondition;
import dev.coffer.sealing.keys.KeyRegistry;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;

/**
 * When the keys change (a key brought, renewed or removed), SealedSecrets that are not synced
 * get another try: one sealed with a key that just arrived unseals without any edit.
 */
final class KeyChangeEventSource extends SimpleInboundEventSource<SealedSecret> {

    KeyChangeEventSource(KeyRegistry keys, IndexerResourceCache<SealedSecret> sealedSecrets) {
        super("key-changes");
        keys.onChange(ring -> sealedSecrets.list()
                .filter(s -> !synced(s))
                .forEach(s -> propagateEvent(ResourceID.fromResource(s))));
    }

    private static boolean synced(SealedSecret s) {
        if (s.getStatus() == null || s.getStatus().getConditions() == null || s.getStatus().getConditions().isEmpty()) {
            return false;
        }
        SealedSecretCondition c = s.getStatus().getConditions().get(0);
        return "True".equals(c.getStatus());
    }
}
