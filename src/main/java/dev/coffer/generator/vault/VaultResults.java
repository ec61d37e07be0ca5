package dev.coffer.generator.vault;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecretResultType;
import dev.coffer.generator.Lease;
import dev.coffer.provider.ProviderException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Vault's answer into generator values (pure): the {@code data} section by default, the
 * {@code auth} section or the whole answer on request. Strings are taken as they are, anything
 * else as JSON, as upstream. The lease is the answer's {@code lease_id}, when there is one.
 */
final class VaultResults {

    private VaultResults() {
    }

    static Map<String, byte[]> values(JsonNode answer, VaultDynamicSecretResultType type, boolean allowEmpty, String what) {
        JsonNode section = answer == null ? null : switch (type == null ? VaultDynamicSecretResultType.Data : type) {
            case Data -> answer.get("data");
            case Auth -> answer.get("auth");
            case Raw -> answer;
        };
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (section == null || !section.isObject() || section.isEmpty()) {
            if (allowEmpty) {
                return out;
            }
            throw ProviderException.notFound("Vault answered " + what + " without "
                    + (type == VaultDynamicSecretResultType.Auth ? "an auth section" : "data")
                    + " (set allowEmptyResponse: true if none is expected)");
        }
        section.fields().forEachRemaining(e -> out.put(e.getKey(), bytes(e.getValue())));
        return out;
    }

    static Optional<Lease> lease(JsonNode answer) {
        if (answer == null) {
            return Optional.empty();
        }
        String id = answer.path("lease_id").asText("");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Lease(id, answer.path("lease_duration").asLong(0), answer.path("renewable").asBoolean(false)));
    }

    private static byte[] bytes(JsonNode v) {
        return (v.isTextual() ? v.asText() : v.toString()).getBytes(StandardCharsets.UTF_8);
    }
}
