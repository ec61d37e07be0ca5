package dev.coffer.provider.fake;

import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.PushedJson;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsPusher;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes to a fake store. A remote secret is a key: the value pushed there, else the store
 * spec's unversioned entry of that key. Spec entries are someone else's (unmarked): they are
 * overwritten only under {@code updatePolicy: Replace} and never deleted. The fake keeps no tags,
 * so {@code metadata} is ignored, as upstream's fake provider ignores it.
 */
final class FakePusher implements SecretsPusher {

    private final Map<String, String> specValues;
    private final FakePushedSecrets.Store pushed;

    /** @param specValues the spec's unversioned entries, by key */
    FakePusher(Map<String, String> specValues, FakePushedSecrets.Store pushed) {
        this.specValues = specValues;
        this.pushed = pushed;
    }

    @Override
    public PushOutcome push(PushRequest request) {
        PushRemoteRef remote = request.remote();
        String key = remote.remoteKey();
        FakePushedSecrets.Pushed current = current(key);
        if (current != null && !current.managed() && !request.replaceUnmanaged()) {
            throw ProviderException.invalidConfig("secret \"" + key + "\" exists in the fake store and is not managed by external-secrets");
        }
        byte[] next = remote.hasProperty()
                ? PushedJson.withProperty(current == null ? null : current.value(), remote.property(), request.value(), key)
                : request.value();
        if (current != null && Arrays.equals(current.value(), next)) {
            return PushOutcome.UNCHANGED;
        }
        pushed.put(key, new FakePushedSecrets.Pushed(next.clone(), current == null || current.managed()));
        return current == null ? PushOutcome.CREATED : PushOutcome.UPDATED;
    }

    @Override
    public boolean delete(PushRemoteRef remote) {
        String key = remote.remoteKey();
        FakePushedSecrets.Pushed current = pushed.get(key);
        if (current == null || !current.managed()) {
            return false;
        }
        if (!remote.hasProperty()) {
            pushed.remove(key);
            return true;
        }
        if (!PushedJson.hasProperty(current.value(), remote.property())) {
            return false;
        }
        Optional<byte[]> rest = PushedJson.withoutProperty(current.value(), remote.property(), key);
        if (rest.isPresent()) {
            pushed.put(key, new FakePushedSecrets.Pushed(rest.get(), true));
        } else {
            pushed.remove(key);
        }
        return true;
    }

    @Override
    public boolean exists(PushRemoteRef remote) {
        FakePushedSecrets.Pushed current = current(remote.remoteKey());
        return current != null && (!remote.hasProperty() || PushedJson.hasProperty(current.value(), remote.property()));
    }

    /** What a read of {@code key} returns now: the pushed value, else the spec's. */
    private FakePushedSecrets.Pushed current(String key) {
        FakePushedSecrets.Pushed p = pushed.get(key);
        if (p != null) {
            return p;
        }
        String spec = specValues.get(key);
        return spec == null ? null : new FakePushedSecrets.Pushed(spec.getBytes(StandardCharsets.UTF_8), false);
    }
}
