package dev.coffer.deploy;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * A request to the Kubernetes API as RBAC sees it: verb, API group, resource (with its
 * subresource, as in {@code externalsecrets/status}) and namespace (null for a cluster-scoped
 * request, including a list or watch across all namespaces).
 */
record ApiRequest(String verb, String group, String resource, String namespace) {

    /** Null for paths that are not resource requests (discovery, /version). */
    static ApiRequest parse(String method, String pathAndQuery) {
        URI uri = URI.create(pathAndQuery);
        List<String> parts = Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
        int at;
        String group;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            at = 2;
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            at = 3;
        } else {
            return null;
        }
        List<String> rest = parts.subList(at, parts.size());
        String namespace = null;
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty()) {
            return null;
        }
        String resource = rest.get(0) + (rest.size() >= 3 ? "/" + rest.get(2) : "");
        boolean named = rest.size() >= 2;
        boolean watch = uri.getQuery() != null && uri.getQuery().contains("watch=true");
        String verb = switch (method) {
            case "GET" -> named ? "get" : watch ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase();
        };
        return new ApiRequest(verb, group, resource, namespace);
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource + (namespace == null ? " (cluster)" : " in " + namespace);
    }
}
