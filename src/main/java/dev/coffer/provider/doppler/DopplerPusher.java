package dev.coffer.provider.doppler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.PushedJson;
import dev.coffer.provider.SecretsPusher;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Pushes to the store's Doppler config through the secrets update API, as upstream: set a
 * secret by name ({@code secrets: {NAME: value}}), delete one by name (a change request with
 * {@code shouldDelete}). The value is read first from the config download and written only when
 * it differs; after a write the held downloads are dropped, so the next read sees it.
 *
 * <p><b>No marker.</b> A Doppler secret is a name and a value: there is nowhere to put ESO's
 * managed-by marker, and upstream keeps none. Ownership is therefore Coffer's own record, the
 * PushSecret's {@code status.syncedPushSecrets}: under {@code updatePolicy: IfNotExists} a
 * secret that exists and is not recorded is never pushed to ({@link #exists}), and
 * {@link #delete} is only ever called for recorded refs. A secret that existed before and was
 * overwritten under {@code updatePolicy: Replace} is recorded too, so {@code deletionPolicy:
 * Delete} removes it, as upstream does.
 */
final class DopplerPusher implements SecretsPusher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DopplerApi api;
    private final Supplier<String> token;
    private final String project;
    private final String config;
    private final ConfigDownloads downloads;

    DopplerPusher(DopplerApi api, Supplier<String> token, String project, String config, ConfigDownloads downloads) {
        this.api = api;
        this.token = token;
        this.project = DopplerApi.blankToNull(project);
        this.config = DopplerApi.blankToNull(config);
        this.downloads = downloads;
    }

    @Override
    public PushOutcome push(PushRequest request) {
        PushRemoteRef remote = request.remote();
        String name = remote.remoteKey();
        byte[] held = current().get(name);
        byte[] next = remote.hasProperty() ? PushedJson.withProperty(held, remote.property(), request.value(), name) : request.value();
        if (held != null && Arrays.equals(held, next)) {
            return PushOutcome.UNCHANGED;
        }
        ObjectNode change = JSON.createObjectNode();
        change.putObject("secrets").put(name, new String(next, StandardCharsets.UTF_8));
        write("UpdateSecrets", change, name);
        return held == null ? PushOutcome.CREATED : PushOutcome.UPDATED;
    }

    @Override
    public boolean delete(PushRemoteRef remote) {
        String name = remote.remoteKey();
        byte[] held = current().get(name);
        if (held == null) {
            return false;
        }
        if (remote.hasProperty()) {
            if (!PushedJson.hasProperty(held, remote.property())) {
                return false;
            }
            Optional<byte[]> rest = PushedJson.withoutProperty(held, remote.property(), name);
            if (rest.isPresent()) {
                ObjectNode change = JSON.createObjectNode();
                change.putObject("secrets").put(name, new String(rest.get(), StandardCharsets.UTF_8));
                write("UpdateSecrets", change, name);
                return true;
            }
        }
        ObjectNode change = JSON.createObjectNode();
        change.putArray("change_requests").addObject().put("name", name).put("originalName", name).put("shouldDelete", true);
        write("DeleteSecrets", change, name);
        return true;
    }

    @Override
    public boolean exists(PushRemoteRef remote) {
        byte[] held = current().get(remote.remoteKey());
        return held != null && (!remote.hasProperty() || PushedJson.hasProperty(held, remote.property()));
    }

    private void write(String operation, ObjectNode change, String name) {
        try {
            api.updateSecrets(operation, token.get(), project, config, change, "the update of secret \"" + name + "\" in " + downloads.subject());
        } finally {
            downloads.clear(); // also after a failure: what Doppler holds is not known any more
        }
    }

    private Map<String, byte[]> current() {
        return DopplerSecretsClient.plain(downloads);
    }
}
