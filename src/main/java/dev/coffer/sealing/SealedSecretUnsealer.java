package dev.coffer.sealing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecretSpec;
import dev.coffer.gocompat.GoBase64;
import io.fabric8.kubernetes.api.model.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a whole SealedSecret: the label comes from its own metadata (name, namespace, scope
 * annotations), the values from {@code spec.encryptedData} or the legacy {@code spec.data}.
 */
public final class SealedSecretUnsealer {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String LEGACY_ENTRY = "spec.data";

    private SealedSecretUnsealer() {
    }

    public static Unsealed unseal(SealedSecret sealedSecret, List<SealingKey> keys) throws SealingException {
        SealedSecretSpec spec = sealedSecret.getSpec();
        if (spec == null) {
            throw new SealingException("spec is missing");
        }
        Map<String, String> encrypted = spec.getEncryptedData() == null ? Map.of() : spec.getEncryptedData();
        byte[] label = labelOf(sealedSecret);
        if (spec.getData() != null && !spec.getData().isEmpty()) {
            if (!encrypted.isEmpty()) {
                throw new SealingException("spec.data (legacy) and spec.encryptedData are both set; use only encryptedData");
            }
            ValueUnsealer.Result legacy = ValueUnsealer.open(Map.of(LEGACY_ENTRY, spec.getData()), label, keys);
            return new Unsealed(legacyValues(legacy.values().get(LEGACY_ENTRY)), legacy.key(), legacy.rsaOperations());
        }
        ValueUnsealer.Result result = ValueUnsealer.open(encrypted, label, keys);
        return new Unsealed(result.values(), result.key(), result.rsaOperations());
    }

    public static Scope scopeOf(SealedSecret sealedSecret) {
        return Scope.fromAnnotations(sealedSecret.getMetadata().getAnnotations());
    }

    public static byte[] labelOf(SealedSecret sealedSecret) {
        return scopeOf(sealedSecret).label(sealedSecret.getMetadata().getNamespace(),
                sealedSecret.getMetadata().getName());
    }

    private static Map<String, byte[]> legacyValues(byte[] secretJson) throws SealingException {
        Secret secret;
        try {
            secret = JSON.readValue(secretJson, Secret.class);
        } catch (IOException e) {
            throw new SealingException("legacy spec.data does not hold a Secret as JSON");
        }
        Map<String, byte[]> values = new LinkedHashMap<>();
        try {
            if (secret.getData() != null) {
                secret.getData().forEach((k, v) -> values.put(k, GoBase64.decodeStd(v)));
            }
        } catch (GoBase64.InvalidBase64Exception e) {
            throw new SealingException("legacy spec.data holds a Secret whose data is not base64");
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> values.put(k, (v == null ? "" : v).getBytes(StandardCharsets.UTF_8)));
        }
        return values;
    }

    /** The decrypted values and the key that opened them (null when there were no values). */
    public record Unsealed(Map<String, byte[]> values, SealingKey key, int rsaOperations) {
    }
}
