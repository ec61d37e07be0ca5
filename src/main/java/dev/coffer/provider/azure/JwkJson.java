package dev.coffer.provider.azure;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyOperation;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Key Vault key as the JSON upstream returns for {@code key/NAME}: Go's encoding of the JWK,
 * members in its order (kid, kty, key_ops, n, e, d, dp, dq, qi, p, q, k, key_hsm, crv, x, y),
 * empty ones left out, byte values as unpadded base64url.
 */
final class JwkJson {

    private JwkJson() {
    }

    static Map<String, Object> of(JsonWebKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "kid", key.getId());
        put(out, "kty", key.getKeyType() == null ? null : key.getKeyType().toString());
        if (key.getKeyOps() != null && !key.getKeyOps().isEmpty()) {
            List<String> ops = new ArrayList<>();
            for (KeyOperation op : key.getKeyOps()) {
                ops.add(op.toString());
            }
            out.put("key_ops", ops);
        }
        bytes(out, "n", key.getN());
        bytes(out, "e", key.getE());
        bytes(out, "d", key.getD());
        bytes(out, "dp", key.getDp());
        bytes(out, "dq", key.getDq());
        bytes(out, "qi", key.getQi());
        bytes(out, "p", key.getP());
        bytes(out, "q", key.getQ());
        bytes(out, "k", key.getK());
        bytes(out, "key_hsm", key.getT());
        put(out, "crv", key.getCurveName() == null ? null : key.getCurveName().toString());
        bytes(out, "x", key.getX());
        bytes(out, "y", key.getY());
        return out;
    }

    private static void put(Map<String, Object> out, String name, String value) {
        if (value != null && !value.isEmpty()) {
            out.put(name, value);
        }
    }

    private static void bytes(Map<String, Object> out, String name, byte[] value) {
        if (value != null && value.length > 0) {
            out.put(name, Base64.getUrlEncoder().withoutPadding().encodeToString(value));
        }
    }
}
