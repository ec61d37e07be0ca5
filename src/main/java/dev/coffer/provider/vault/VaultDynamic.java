package dev.coffer.provider.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.provider.ProviderException;
import io.github.jopenlibs.vault.rest.Rest;
import io.github.jopenlibs.vault.rest.RestException;
import io.github.jopenlibs.vault.rest.RestResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link VaultLogical} over the store's HTTP client and token: raw requests with JSON bodies
 * (the driver's logical API flattens values and its lease API bypasses the shared HTTP client).
 * A 403 is checked against the token once, as for KV reads.
 */
final class VaultDynamic implements VaultLogical {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultTransport transport;
    private final VaultTokenManager tokens;
    private final VaultErrors errors;

    VaultDynamic(VaultTransport transport, VaultTokenManager tokens) {
        this.transport = transport;
        this.tokens = tokens;
        this.errors = new VaultErrors(transport.server());
    }

    @Override
    public JsonNode request(String method, String path, JsonNode body, Map<String, List<String>> query) {
        String m = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        String clean = stripSlashes(path);
        JsonNode answer = send(m + " " + clean, m, clean, body, m.equals("GET") ? query : m.equals("LIST") ? Map.of("list", List.of("true")) : null);
        if (answer != null && !answer.path("lease_id").asText("").isEmpty()) {
            tokens.leaseIssued(); // the lease lives as long as the token: keep the token when the client closes
        }
        return answer;
    }

    @Override
    public JsonNode renewLease(String leaseId, long incrementSeconds) {
        ObjectNode body = JSON.createObjectNode().put("lease_id", leaseId).put("increment", incrementSeconds);
        return send("renewing a lease", "PUT", "sys/leases/renew", body, null);
    }

    @Override
    public void revokeLease(String leaseId) {
        try {
            send("revoking a lease", "PUT", "sys/leases/revoke", JSON.createObjectNode().put("lease_id", leaseId), null);
        } catch (ProviderException e) {
            if (e.kind() != ProviderException.Kind.NOT_FOUND && !(e.kind() == ProviderException.Kind.INVALID_CONFIG)) {
                throw e; // 404/400: the lease is already gone
            }
        }
    }

    private JsonNode send(String what, String method, String path, JsonNode body, Map<String, List<String>> query) {
        VaultSession session = tokens.session();
        RestResponse r = call(session, what, method, path, body, query);
        if (r.getStatus() == 403) {
            VaultSession fresh = tokens.recover(session);
            if (fresh != null) {
                r = call(fresh, what, method, path, body, query);
            }
        }
        if (r.getStatus() == 204 || r.getBody() == null || r.getBody().length == 0) {
            if (r.getStatus() / 100 != 2) {
                throw errors.status(r.getStatus(), r.getBody(), what);
            }
            return null;
        }
        if (r.getStatus() / 100 != 2) {
            throw errors.status(r.getStatus(), r.getBody(), what);
        }
        try {
            return JSON.readTree(r.getBody());
        } catch (IOException e) {
            throw ProviderException.unavailable("Vault answered " + what + " with a body that is not JSON", null);
        }
    }

    private RestResponse call(VaultSession session, String what, String method, String path, JsonNode body,
                              Map<String, List<String>> query) {
        try {
            Rest rest = transport.rest(VaultKv.encode(path), session.token());
            if (query != null) {
                for (Map.Entry<String, List<String>> q : query.entrySet()) {
                    for (String v : q.getValue()) {
                        rest.parameter(q.getKey(), v);
                    }
                }
            }
            return switch (method) {
                case "GET", "LIST" -> rest.get();
                case "DELETE" -> rest.delete();
                case "PUT" -> rest.body(bytes(body)).put();
                default -> rest.body(bytes(body)).post();
            };
        } catch (RestException e) {
            throw errors.transport(e, what);
        }
    }

    private static byte[] bytes(JsonNode body) {
        return (body == null || body.isNull() ? "{}" : body.toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static String stripSlashes(String path) {
        String p = path == null ? "" : path.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }
}
