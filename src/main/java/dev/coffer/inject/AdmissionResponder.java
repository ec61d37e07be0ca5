package dev.coffer.inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers an AdmissionReview v1 for a Pod: allowed with the injection patch, allowed untouched
 * (no injection asked, or an excluded namespace), or, for bad annotations, refused with a
 * one-line message (failurePolicy Fail) or allowed untouched with that message as a warning
 * (failurePolicy Ignore). Never a partial patch. Pure: JSON in, JSON out.
 */
public final class AdmissionResponder {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final AgentSettings agent;
    private final Set<String> excludedNamespaces;
    private final boolean refuseBadAnnotations;

    /**
     * @param excludedNamespaces never mutated (the operator's own, kube-system)
     * @param refuseBadAnnotations true for failurePolicy Fail
     */
    public AdmissionResponder(AgentSettings agent, Set<String> excludedNamespaces, boolean refuseBadAnnotations) {
        this.agent = agent;
        this.excludedNamespaces = Set.copyOf(excludedNamespaces);
        this.refuseBadAnnotations = refuseBadAnnotations;
    }

    public ObjectNode respond(JsonNode review) {
        JsonNode request = review.path("request");
        ObjectNode out = F.objectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode response = out.putObject("response").put("uid", request.path("uid").asText());
        JsonNode pod = request.path("object");
        String ns = request.path("namespace").asText(pod.path("metadata").path("namespace").asText(""));
        if (!"Pod".equals(request.path("kind").path("kind").asText()) || excludedNamespaces.contains(ns)
                || !pod.isObject()) {
            return allowed(out, response);
        }
        ArrayNode patch;
        try {
            Optional<ArrayNode> wanted = patch(pod, annotations(pod));
            if (wanted.isEmpty()) {
                return allowed(out, response);
            }
            patch = wanted.get();
        } catch (InjectionException e) {
            if (refuseBadAnnotations) {
                response.put("allowed", false).putObject("status").put("code", 400)
                        .put("message", "Coffer injection: " + e.getMessage());
            } else {
                response.put("allowed", true).putArray("warnings").add("Coffer injection skipped: " + e.getMessage());
            }
            return out;
        }
        response.put("allowed", true).put("patchType", "JSONPatch")
                .put("patch", Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** The patch for what the pod asks, Vault's annotations or Coffer's (not both); empty when it asks nothing. */
    private Optional<ArrayNode> patch(JsonNode pod, Map<String, String> annotations) throws InjectionException {
        Optional<InjectionSpec> vault = VaultAnnotations.read(annotations);
        Optional<StoreInjectionSpec> stores = CofferAnnotations.read(annotations);
        if (vault.isPresent() && stores.isPresent()) {
            throw new InjectionException("a pod asks for either " + VaultAnnotations.INJECT + " or " + CofferAnnotations.INJECT
                    + ", not both");
        }
        if (stores.isPresent()) {
            if (agent.renderUrl() == null || agent.renderUrl().isBlank()) {
                throw new InjectionException(CofferAnnotations.INJECT + " is not served: the operator has no render endpoint");
            }
            return Optional.of(PodPatch.of(pod, stores.get(), agent));
        }
        if (vault.isPresent()) {
            return Optional.of(PodPatch.of(pod, vault.get(), agent.withVaultAddress(vaultAddress(annotations))));
        }
        return Optional.empty();
    }

    /** The pod's {@code vault.hashicorp.com/service}, else the operator's setting; one of them is needed. */
    private String vaultAddress(Map<String, String> annotations) throws InjectionException {
        String address = annotations.getOrDefault(VaultAnnotations.SERVICE, "").trim();
        if (address.isEmpty()) {
            address = agent.vaultAddress() == null ? "" : agent.vaultAddress().trim();
        }
        if (!address.startsWith("https://") && !address.startsWith("http://")) {
            throw new InjectionException(address.isEmpty()
                    ? VaultAnnotations.SERVICE + " is required: the operator has no coffer.inject.vault-address"
                    : VaultAnnotations.SERVICE + " must be an http(s) URL");
        }
        return address;
    }

    private static ObjectNode allowed(ObjectNode out, ObjectNode response) {
        response.put("allowed", true);
        return out;
    }

    private static Map<String, String> annotations(JsonNode pod) {
        Map<String, String> a = new HashMap<>();
        pod.path("metadata").path("annotations").fields().forEachRemaining(e -> a.put(e.getKey(), e.getValue().asText()));
        return a;
    }
}
