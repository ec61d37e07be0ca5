package dev.coffer.provider.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.provider.ProviderException;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.Logical;
import io.github.jopenlibs.vault.response.LogicalResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads of the KV engine through the driver: a value (optionally a version), a v2 metadata
 * record and a recursive listing. A 403 is checked against the token (revoked or expired
 * tokens are replaced and the read retried once); other statuses become typed errors.
 */
final class VaultKv {

    /** Metadata fields upstream reports alongside custom_metadata. */
    private static final List<String> SYSTEM_METADATA = List.of("created_time", "current_version", "delete_version_after");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final VaultTokenManager tokens;
    private final VaultPaths paths;
    private final VaultErrors errors;

    VaultKv(VaultTokenManager tokens, VaultPaths paths, VaultErrors errors) {
        this.tokens = tokens;
        this.paths = paths;
        this.errors = errors;
    }

    boolean v2() {
        return paths.v2();
    }

    /** The key/value object of a secret (v2: of the version asked for, else the current one). */
    JsonNode data(String key, String version) {
        String path = paths.data(key);
        boolean versioned = paths.v2() && version != null && !version.isEmpty();
        String what = "reading secret \"" + path + "\"" + (versioned ? " version " + version : "");
        JsonNode data = read(encode(path) + (versioned ? "?version=" + encodeSegment(version) : ""), what, false,
                () -> ProviderException.notFound("secret \"" + path + "\"" + (versioned ? " version " + version : "")
                        + " not found in Vault (HTTP 404)")).path("data");
        if (paths.v2()) {
            data = data.path("data");
        }
        if (!data.isObject()) {
            // v2 answers a deleted or destroyed version with data: null
            throw ProviderException.notFound("secret \"" + path + "\"" + (versioned ? " version " + version : "")
                    + " has no data (deleted or destroyed)");
        }
        return data;
    }

    /** A v2 secret's metadata as upstream reports it: the system fields plus custom_metadata. */
    Map<String, String> metadata(String key) {
        String path = paths.metadata(key);
        // The data may exist although its metadata cannot be read: a plain error, never NOT_FOUND (as upstream).
        JsonNode data = read(encode(path), "reading metadata \"" + path + "\"", false,
                () -> ProviderException.missingValue("metadata of secret \"" + key + "\" not found in Vault (HTTP 404)")).path("data");
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : SYSTEM_METADATA) {
            JsonNode v = data.get(k);
            if (v != null && !v.isNull()) {
                out.put(k, v.asText());
            }
        }
        data.path("custom_metadata").fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return out;
    }

    /**
     * The {@code data} of a v2 secret's metadata record as Vault returns it (current_version,
     * custom_metadata, versions), or null when there is none (HTTP 404).
     */
    JsonNode metadataRecord(String key) {
        String path = paths.metadata(key);
        JsonNode answer = read(encode(path), "reading metadata \"" + path + "\"", false, () -> null);
        return answer == null ? null : answer.path("data");
    }

    /** Every secret under {@code prefix} ("" or ending in "/"), relative to the mount, walking sub-folders. */
    List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        String path = paths.list(prefix);
        JsonNode keys = read(encode(path), "listing \"" + path + "\"", true, null).path("data").path("keys");
        for (JsonNode k : keys) {
            String name = prefix + k.asText();
            if (name.endsWith("/")) {
                out.addAll(list(name));
            } else {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * @param on404 what a 404 means for this read (an error to throw, or null from the supplier:
     *              "absent", and the read returns null), or null for the generic answer
     */
    private JsonNode read(String encodedPath, String what, boolean list, java.util.function.Supplier<ProviderException> on404) {
        VaultSession session = tokens.session();
        LogicalResponse r = call(session, encodedPath, what, list);
        if (status(r) == 403) {
            VaultSession fresh = tokens.recover(session);
            if (fresh != null) {
                r = call(fresh, encodedPath, what, list);
            }
        }
        int status = status(r);
        byte[] body = r.getRestResponse().getBody();
        if (status == 404 && on404 != null) {
            ProviderException absent = on404.get();
            if (absent == null) {
                return null;
            }
            throw absent;
        }
        if (status != 200) {
            throw errors.status(status, body, what);
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw ProviderException.unavailable("Vault answered " + what + " with a body that is not JSON", null);
        }
    }

    private LogicalResponse call(VaultSession session, String encodedPath, String what, boolean list) {
        try {
            Logical logical = session.vault().logical();
            return list ? logical.list(encodedPath) : logical.read(encodedPath);
        } catch (VaultException e) {
            throw errors.exception(e, what);
        }
    }

    private static int status(LogicalResponse r) {
        return r.getRestResponse().getStatus();
    }

    /** Percent-encodes each segment: the driver builds a java.net.URI from the path, which rejects raw spaces etc. */
    static String encode(String path) {
        return Arrays.stream(path.split("/", -1)).map(VaultKv::encodeSegment).collect(Collectors.joining("/"));
    }

    private static String encodeSegment(String s) {
        StringBuilder b = new StringBuilder();
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
