package dev.coffer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** The RBAC grants of a rendered chart, bound to Coffer's ServiceAccount, one verb each. */
final class RbacRules {

    /** One verb on one resource; namespace null for a ClusterRole (granted everywhere). */
    record Grant(String verb, String group, String resource, String namespace, String role) {

        boolean allows(ApiRequest r) {
            return verb.equals(r.verb()) && group.equals(r.group()) && resource.equals(r.resource())
                    && (namespace == null || namespace.equals(r.namespace()));
        }

        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource
                    + (namespace == null ? " (ClusterRole " : " (Role in " + namespace + ": ") + role + ")";
        }
    }

    private RbacRules() {
    }

    static List<Grant> grants(List<ObjectNode> docs, String serviceAccount, String saNamespace) {
        List<Grant> grants = new ArrayList<>();
        for (ObjectNode binding : docs) {
            String kind = binding.path("kind").asText();
            if (!kind.equals("ClusterRoleBinding") && !kind.equals("RoleBinding")) {
                continue;
            }
            boolean forUs = false;
            for (JsonNode s : binding.path("subjects")) {
                forUs |= s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(serviceAccount)
                        && s.path("namespace").asText().equals(saNamespace);
            }
            if (!forUs) {
                continue;
            }
            String bindingNs = kind.equals("RoleBinding") ? binding.at("/metadata/namespace").asText() : null;
            String roleKind = binding.at("/roleRef/kind").asText();
            String roleName = binding.at("/roleRef/name").asText();
            ObjectNode role = docs.stream().filter(d -> d.path("kind").asText().equals(roleKind)
                            && d.at("/metadata/name").asText().equals(roleName)
                            && (roleKind.equals("ClusterRole") || d.at("/metadata/namespace").asText().equals(bindingNs)))
                    .findFirst().orElseThrow(() -> new AssertionError("binding to a missing " + roleKind + " " + roleName));
            for (JsonNode rule : role.path("rules")) {
                for (JsonNode g : rule.path("apiGroups")) {
                    for (JsonNode res : rule.path("resources")) {
                        for (JsonNode v : rule.path("verbs")) {
                            grants.add(new Grant(v.asText(), g.asText(), res.asText(), bindingNs, roleName));
                        }
                    }
                }
            }
        }
        return grants;
    }
}
