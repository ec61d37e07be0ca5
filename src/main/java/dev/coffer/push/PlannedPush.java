package dev.coffer.push;

import dev.coffer.api.externalsecrets.v1alpha1.PushSecretData;
import dev.coffer.provider.PushRequest;

/**
 * One value bound for one store: the request for the provider and the entry recorded in
 * {@code status.syncedPushSecrets} once it is there.
 *
 * @param storeKey "Kind/name" of the store
 * @param refKey   "remoteKey" or "remoteKey/property", the status key under the store
 */
record PlannedPush(String storeKey, String refKey, PushRequest request, PushSecretData entry) {
}
