package dev.coffer.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The JSON Patch (RFC 6902) that injects the agent into a pod, computed in one piece from the
 * pod and the {@link InjectionSpec}: a memory-backed volume, mounted read-only at the volume
 * path in every app container; an init container that renders the files and exits; and, unless
 * pre-populate-only, a sidecar that renews and re-renders. Pure: the patch is applied all or
 * nothing by the API server, so a pod is never half-mutated.
 */
public final class PodPatch {

    public static final String VOLUME = "coffer-secrets";
    public static final String INIT = "coffer-agent-init";
    public static final String SIDECAR = "coffer-agent";
    static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PodPatch() {
    }

    public static ArrayNode of(JsonNode pod, InjectionSpec spec, AgentSettings agent) {
        ArrayNode ops = F.arrayNode();
        JsonNode podSpec = pod.path("spec");
        ObjectNode volume = F.objectNode().put("name", VOLUME);
        volume.putObject("emptyDir").put("medium", "Memory");
        append(ops, podSpec, "/spec/volumes", volume);

        JsonNode containers = podSpec.path("containers");
        JsonNode tokenMount = null;
        for (int i = 0; i < containers.size(); i++) {
            JsonNode c = containers.get(i);
            for (JsonNode m : c.path("volumeMounts")) {
                if (tokenMount == null && TOKEN_PATH.equals(m.path("mountPath").asText())) {
                    tokenMount = m;
                }
            }
            ObjectNode mount = F.objectNode().put("name", VOLUME).put("mountPath", spec.volumePath()).put("readOnly", true);
            append(ops, c, "/spec/containers/" + i + "/volumeMounts", mount);
        }
        append(ops, podSpec, "/spec/initContainers", agentContainer(INIT, "--init", spec, agent, tokenMount));
        if (!spec.prePopulateOnly()) {
            // after the app containers were patched, so their indexes above stay right
            ops.addObject().put("op", "add").put("path", "/spec/containers/-")
                    .set("value", agentContainer(SIDECAR, "--sidecar", spec, agent, tokenMount));
        }
        JsonNode annotations = pod.path("metadata").path("annotations");
        if (annotations.isMissingNode() || annotations.isNull()) {
            ops.addObject().put("op", "add").put("path", "/metadata/annotations")
                    .set("value", F.objectNode().put(VaultAnnotations.STATUS, "injected"));
        } else {
            ops.addObject().put("op", "add").put("path", "/metadata/annotations/" + escape(VaultAnnotations.STATUS))
                    .put("value", "injected");
        }
        return ops;
    }

    private static ObjectNode agentContainer(String name, String mode, InjectionSpec spec, AgentSettings agent,
                                             JsonNode tokenMount) {
        ObjectNode c = F.objectNode().put("name", name).put("image", agent.image());
        ArrayNode args = c.putArray("args");
        List.of("agent", mode).forEach(args::add);
        ArrayNode env = c.putArray("env");
        env.addObject().put("name", "VAULT_ADDR").put("value", agent.vaultAddress());
        // The spec holds paths, templates and modes, never a secret value.
        env.addObject().put("name", "COFFER_AGENT_CONFIG").put("value", JSON.valueToTree(spec).toString());
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.addObject().put("name", VOLUME).put("mountPath", spec.volumePath());
        if (tokenMount != null) {
            mounts.add(tokenMount.deepCopy());
        }
        ObjectNode security = c.putObject("securityContext");
        security.put("runAsNonRoot", true).put("allowPrivilegeEscalation", false).put("readOnlyRootFilesystem", true);
        security.putObject("capabilities").putArray("drop").add("ALL");
        return c;
    }

    /** Adds {@code value} to the array at {@code path}, creating the array when the object has none. */
    private static void append(ArrayNode ops, JsonNode parent, String path, JsonNode value) {
        String field = path.substring(path.lastIndexOf('/') + 1);
        JsonNode existing = parent.path(field);
        if (existing.isArray()) {
            ops.addObject().put("op", "add").put("path", path + "/-").set("value", value);
        } else {
            ops.addObject().put("op", "add").put("path", path).set("value", F.arrayNode().add(value));
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
