package dev.coffer.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Patch (RFC 6902) that injects the agent into a pod, computed in one piece from the
 * pod and what it asked for: a memory-backed volume, mounted read-only at the volume path in
 * every app container; an init container that renders the files and exits; and, unless
 * pre-populate-only, a sidecar that renews and re-renders. Pure: the patch is applied all or
 * nothing by the API server, so a pod is never half-mutated.
 *
 * <p>Vault injection ({@link #of(JsonNode, InjectionSpec, AgentSettings)}) gives the agent the
 * pod's own service-account token mount, for Vault's kubernetes auth. Store injection
 * ({@link #of(JsonNode, StoreInjectionSpec, AgentSettings)}) gives it a projected token with
 * Coffer's audience and a short life instead, which only the operator accepts, and the
 * operator's render URL and CA.
 */
public final class PodPatch {

    public static final String VOLUME = "coffer-secrets";
    public static final String TOKEN_VOLUME = "coffer-token";
    /** The {@code vault.hashicorp.com/tls-secret} Secret, in the agent containers only. */
    public static final String VAULT_TLS_VOLUME = "coffer-vault-tls";
    public static final String INIT = "coffer-agent-init";
    public static final String SIDECAR = "coffer-agent";
    /** Where the agents of store injection find their projected token ({@code token} in it). */
    public static final String COFFER_TOKEN_DIR = "/var/run/secrets/coffer.dev/serviceaccount";
    /** The projected token's life: the API server's minimum; the kubelet renews it at 80%. */
    static final long TOKEN_SECONDS = 600;
    static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What differs between the two kinds of injection. */
    private record Plan(String volumePath, boolean prePopulateOnly, String statusAnnotation, Map<String, String> env,
                        List<ObjectNode> extraVolumes, List<ObjectNode> agentMounts) {
    }

    private PodPatch() {
    }

    /** Vault injection. */
    public static ArrayNode of(JsonNode pod, InjectionSpec spec, AgentSettings agent) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VAULT_ADDR", agent.vaultAddress());
        // The spec holds paths, templates and modes, never a secret value.
        env.put("COFFER_AGENT_CONFIG", JSON.valueToTree(spec).toString());
        List<ObjectNode> volumes = new ArrayList<>();
        List<ObjectNode> mounts = new ArrayList<>();
        ObjectNode tokenMount = appTokenMount(pod.path("spec").path("containers"));
        if (tokenMount != null) {
            mounts.add(tokenMount);
        }
        if (spec.tls().secretName() != null) {
            ObjectNode tls = F.objectNode().put("name", VAULT_TLS_VOLUME);
            tls.putObject("secret").put("secretName", spec.tls().secretName());
            volumes.add(tls);
            mounts.add(F.objectNode().put("name", VAULT_TLS_VOLUME).put("mountPath", AgentTlsSettings.SECRET_MOUNT)
                    .put("readOnly", true));
        }
        return patch(pod, new Plan(spec.volumePath(), spec.prePopulateOnly(), VaultAnnotations.STATUS, env, volumes,
                mounts), agent);
    }

    /** Store injection ({@code coffer.dev/inject}): the agent asks the operator, which holds the provider credentials. */
    public static ArrayNode of(JsonNode pod, StoreInjectionSpec spec, AgentSettings agent) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COFFER_INJECT_URL", agent.renderUrl());
        env.put("COFFER_INJECT_CA", agent.caBundle().get());
        env.put("COFFER_AGENT_CONFIG", JSON.createObjectNode().put("volumePath", spec.volumePath())
                .put("prePopulateOnly", spec.prePopulateOnly()).toString());
        ObjectNode volume = F.objectNode().put("name", TOKEN_VOLUME);
        volume.putObject("projected").putArray("sources").addObject().putObject("serviceAccountToken")
                .put("audience", agent.tokenAudience()).put("expirationSeconds", TOKEN_SECONDS).put("path", "token");
        ObjectNode mount = F.objectNode().put("name", TOKEN_VOLUME).put("mountPath", COFFER_TOKEN_DIR).put("readOnly", true);
        return patch(pod, new Plan(spec.volumePath(), spec.prePopulateOnly(), CofferAnnotations.STATUS, env, List.of(volume),
                List.of(mount)), agent);
    }

    private static ArrayNode patch(JsonNode pod, Plan plan, AgentSettings agent) {
        ArrayNode ops = F.arrayNode();
        JsonNode podSpec = pod.path("spec");
        ObjectNode volume = F.objectNode().put("name", VOLUME);
        volume.putObject("emptyDir").put("medium", "Memory");
        ArrayNode volumes = F.arrayNode().add(volume);
        plan.extraVolumes().forEach(volumes::add);
        appendAll(ops, podSpec, "/spec/volumes", volumes);

        JsonNode containers = podSpec.path("containers");
        for (int i = 0; i < containers.size(); i++) {
            ObjectNode mount = F.objectNode().put("name", VOLUME).put("mountPath", plan.volumePath()).put("readOnly", true);
            appendAll(ops, containers.get(i), "/spec/containers/" + i + "/volumeMounts", F.arrayNode().add(mount));
        }
        appendAll(ops, podSpec, "/spec/initContainers", F.arrayNode().add(agentContainer(INIT, "--init", plan, agent)));
        if (!plan.prePopulateOnly()) {
            // after the app containers were patched, so their indexes above stay right
            ops.addObject().put("op", "add").put("path", "/spec/containers/-")
                    .set("value", agentContainer(SIDECAR, "--sidecar", plan, agent));
        }
        JsonNode annotations = pod.path("metadata").path("annotations");
        if (annotations.isMissingNode() || annotations.isNull()) {
            ops.addObject().put("op", "add").put("path", "/metadata/annotations")
                    .set("value", F.objectNode().put(plan.statusAnnotation(), "injected"));
        } else {
            ops.addObject().put("op", "add").put("path", "/metadata/annotations/" + escape(plan.statusAnnotation()))
                    .put("value", "injected");
        }
        return ops;
    }

    /** The first app container's mount of the service-account token, copied so the agent can log in with it. */
    private static ObjectNode appTokenMount(JsonNode containers) {
        for (JsonNode c : containers) {
            for (JsonNode m : c.path("volumeMounts")) {
                if (TOKEN_PATH.equals(m.path("mountPath").asText()) && m.isObject()) {
                    return ((ObjectNode) m).deepCopy();
                }
            }
        }
        return null;
    }

    private static ObjectNode agentContainer(String name, String mode, Plan plan, AgentSettings agent) {
        ObjectNode c = F.objectNode().put("name", name).put("image", agent.image());
        ArrayNode args = c.putArray("args");
        List.of("agent", mode).forEach(args::add);
        ArrayNode env = c.putArray("env");
        plan.env().forEach((k, v) -> env.addObject().put("name", k).put("value", v));
        ArrayNode mounts = c.putArray("volumeMounts");
        mounts.addObject().put("name", VOLUME).put("mountPath", plan.volumePath());
        plan.agentMounts().forEach(m -> mounts.add(m.deepCopy()));
        ObjectNode security = c.putObject("securityContext");
        security.put("runAsNonRoot", true).put("allowPrivilegeEscalation", false).put("readOnlyRootFilesystem", true);
        security.putObject("capabilities").putArray("drop").add("ALL");
        return c;
    }

    /** Adds {@code values} to the array at {@code path}, creating the array when the object has none. */
    private static void appendAll(ArrayNode ops, JsonNode parent, String path, ArrayNode values) {
        String field = path.substring(path.lastIndexOf('/') + 1);
        if (parent.path(field).isArray()) {
            values.forEach(v -> ops.addObject().put("op", "add").put("path", path + "/-").set("value", v));
        } else {
            ops.addObject().put("op", "add").put("path", path).set("value", values);
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
