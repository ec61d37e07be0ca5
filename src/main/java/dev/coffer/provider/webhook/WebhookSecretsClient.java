package dev.coffer.provider.webhook;

import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SharedCalls;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one webhook store: each reference is one call (shared by identical references within the
 * share window), its answer shaped by upstream's result rules. {@code ref.property} and
 * {@code ref.version} only feed the templates, as upstream.
 */
final class WebhookSecretsClient implements SecretsClient {

    private final WebhookCall call;
    private final SharedCalls shared;

    WebhookSecretsClient(WebhookCall call, SharedCalls shared) {
        this.call = call;
        this.shared = shared;
    }

    @Override
    public String providerName() {
        return "webhook";
    }

    @Override
    public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
        WebhookCall.Answer answer = answer(ref);
        return WebhookResults.value(answer.body(), answer.jsonPath(), subject(ref)).clone();
    }

    @Override
    public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
        WebhookCall.Answer answer = answer(ref);
        return WebhookResults.map(answer.body(), answer.jsonPath(), subject(ref));
    }

    @Override
    public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
        throw ProviderException.invalidConfig("dataFrom.find is not supported by a webhook store (as upstream)");
    }

    @Override
    public void close() {
        shared.clear();
    }

    private WebhookCall.Answer answer(ExternalSecretDataRemoteRef ref) {
        if (ref == null || ref.key == null) {
            throw ProviderException.invalidConfig("remoteRef.key is required for a webhook store");
        }
        Map<String, String> remoteRef = new LinkedHashMap<>();
        remoteRef.put("key", ref.key);
        remoteRef.put("version", ref.version == null ? "" : ref.version);
        remoteRef.put("property", ref.property == null ? "" : ref.property);
        return shared.get(SharedCalls.key("call", ref.key, ref.version, ref.property), () -> call.call(remoteRef, subject(ref)));
    }

    private static String subject(ExternalSecretDataRemoteRef ref) {
        return "key \"" + ref.key + "\"";
    }
}
