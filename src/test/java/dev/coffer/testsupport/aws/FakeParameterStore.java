package dev.coffer.testsupport.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Parameter Store side of {@link FakeAws}: parameters with numbered versions and tags. */
public final class FakeParameterStore {

    private static final int BATCH_LIMIT = 10;

    private final Map<String, Param> params = new TreeMap<>();

    private static final class Param {
        final String name;
        final List<String> values = new ArrayList<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        /** What the last PutParameter set (a parameter made by {@link #put} is a SecureString). */
        String type = "SecureString";
        String description;
        String keyId;
        String tier = "Standard";

        Param(String name) {
            this.name = name;
        }
    }

    /** Stores a new version of a parameter; returns its version number. */
    public synchronized int put(String name, String value) {
        Param p = params.computeIfAbsent(name, Param::new);
        p.values.add(value);
        return p.values.size();
    }

    public synchronized void tag(String name, String key, String value) {
        params.get(name).tags.put(key, value);
    }

    /** The tags of a parameter (a copy), empty when there is no such parameter. */
    public synchronized Map<String, String> tags(String name) {
        Param p = params.get(name);
        return p == null ? Map.of() : new LinkedHashMap<>(p.tags);
    }

    /** The current value, or null when there is no such parameter. */
    public synchronized String value(String name) {
        Param p = params.get(name);
        return p == null ? null : p.values.get(p.values.size() - 1);
    }

    /** How many versions the parameter has (0: none), so tests can count writes. */
    public synchronized int versions(String name) {
        Param p = params.get(name);
        return p == null ? 0 : p.values.size();
    }

    /** Type, description, KMS key id and tier the last PutParameter set, as "type|description|keyId|tier". */
    public synchronized String attributes(String name) {
        Param p = params.get(name);
        return p == null ? null : p.type + "|" + p.description + "|" + p.keyId + "|" + p.tier;
    }

    synchronized JsonNode handle(String operation, JsonNode in, int pageSize) {
        return switch (operation) {
            case "GetParameter" -> getParameter(in);
            case "GetParameters" -> getParameters(in);
            case "GetParametersByPath" -> byPath(in, pageSize);
            case "DescribeParameters" -> describe(in, pageSize);
            case "ListTagsForResource" -> tags(in);
            case "PutParameter" -> putParameter(in);
            case "DeleteParameter" -> deleteParameter(in);
            case "AddTagsToResource" -> addTags(in);
            default -> throw new AwsError(400, "UnknownOperationException", operation);
        };
    }

    private JsonNode getParameter(JsonNode in) {
        if (!in.path("WithDecryption").asBoolean(false)) {
            throw new AwsError(400, "ValidationException", "this fake wants WithDecryption=true");
        }
        ObjectNode out = FakeAws.JSON.createObjectNode();
        out.set("Parameter", resolve(in.path("Name").asText()));
        return out;
    }

    private JsonNode getParameters(JsonNode in) {
        JsonNode names = in.path("Names");
        FakeAws.checkBatch(names, BATCH_LIMIT, "Names");
        ObjectNode out = FakeAws.JSON.createObjectNode();
        ArrayNode found = out.putArray("Parameters");
        ArrayNode invalid = out.putArray("InvalidParameters");
        for (JsonNode n : names) {
            try {
                found.add(resolve(n.asText()));
            } catch (AwsError e) {
                invalid.add(n.asText());
            }
        }
        return out;
    }

    private JsonNode byPath(JsonNode in, int pageSize) {
        String path = in.path("Path").asText();
        String base = path.endsWith("/") ? path : path + "/";
        boolean recursive = in.path("Recursive").asBoolean(false);
        List<Param> matching = new ArrayList<>();
        for (Param p : params.values()) {
            if (p.name.startsWith(base) && (recursive || p.name.indexOf('/', base.length()) < 0)) {
                matching.add(p);
            }
        }
        return page(in, pageSize, matching, true);
    }

    private JsonNode describe(JsonNode in, int pageSize) {
        List<Param> matching = new ArrayList<>();
        for (Param p : params.values()) {
            if (matches(p, in.path("ParameterFilters"))) {
                matching.add(p);
            }
        }
        return page(in, pageSize, matching, false);
    }

    /** As AWS: no overwrite of an existing parameter without Overwrite, no Tags together with Overwrite. */
    private JsonNode putParameter(JsonNode in) {
        String name = in.path("Name").asText();
        boolean overwrite = in.path("Overwrite").asBoolean(false);
        String type = in.path("Type").asText("");
        if (!type.isEmpty() && !java.util.Set.of("String", "StringList", "SecureString").contains(type)) {
            throw new AwsError(400, "ValidationException", "bad Type");
        }
        if (overwrite && in.has("Tags")) {
            throw new AwsError(400, "ValidationException", "Invalid request: tags and overwrite can't be used together.");
        }
        Param existing = params.get(name);
        if (existing != null && !overwrite) {
            throw new AwsError(400, "ParameterAlreadyExists", "The parameter already exists.");
        }
        if (existing == null && type.isEmpty()) {
            throw new AwsError(400, "ValidationException", "A parameter type is required when you create a parameter.");
        }
        Param p = params.computeIfAbsent(name, Param::new);
        p.values.add(in.path("Value").asText());
        if (!type.isEmpty()) {
            p.type = type;
        }
        p.description = in.hasNonNull("Description") ? in.get("Description").asText() : p.description;
        p.keyId = in.hasNonNull("KeyId") ? in.get("KeyId").asText() : p.keyId;
        p.tier = in.hasNonNull("Tier") ? in.get("Tier").asText() : p.tier;
        for (JsonNode t : in.path("Tags")) {
            p.tags.put(t.path("Key").asText(), t.path("Value").asText());
        }
        ObjectNode out = FakeAws.JSON.createObjectNode();
        out.put("Version", p.values.size()).put("Tier", p.tier);
        return out;
    }

    private JsonNode deleteParameter(JsonNode in) {
        if (params.remove(in.path("Name").asText()) == null) {
            throw new AwsError(400, "ParameterNotFound", "");
        }
        return FakeAws.JSON.createObjectNode();
    }

    private JsonNode addTags(JsonNode in) {
        Param p = params.get(in.path("ResourceId").asText());
        if (p == null || !"Parameter".equals(in.path("ResourceType").asText())) {
            throw new AwsError(400, "InvalidResourceId", "no such parameter");
        }
        for (JsonNode t : in.path("Tags")) {
            p.tags.put(t.path("Key").asText(), t.path("Value").asText());
        }
        return FakeAws.JSON.createObjectNode();
    }

    private JsonNode tags(JsonNode in) {
        Param p = params.get(in.path("ResourceId").asText());
        if (p == null || !"Parameter".equals(in.path("ResourceType").asText())) {
            throw new AwsError(400, "InvalidResourceId", "no such parameter");
        }
        ObjectNode out = FakeAws.JSON.createObjectNode();
        ArrayNode list = out.putArray("TagList");
        p.tags.forEach((k, v) -> list.addObject().put("Key", k).put("Value", v));
        return out;
    }

    private static boolean matches(Param p, JsonNode filters) {
        for (JsonNode f : filters) {
            String key = f.path("Key").asText();
            String value = f.path("Values").path(0).asText();
            boolean ok;
            if (key.startsWith("tag:")) {
                ok = value.equals(p.tags.get(key.substring(4)));
            } else if ("Path".equals(key)) {
                String base = value.endsWith("/") ? value : value + "/";
                ok = p.name.startsWith(base);
            } else {
                throw new AwsError(400, "InvalidFilterKey", key);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private JsonNode page(JsonNode in, int pageSize, List<Param> matching, boolean withValues) {
        int start = in.hasNonNull("NextToken") ? Integer.parseInt(in.get("NextToken").asText()) : 0;
        int end = Math.min(matching.size(), start + pageSize);
        ObjectNode out = FakeAws.JSON.createObjectNode();
        ArrayNode list = out.putArray("Parameters");
        for (Param p : matching.subList(start, end)) {
            if (withValues) {
                list.add(node(p, p.values.size()));
            } else {
                list.addObject().put("Name", p.name).put("Type", p.type).put("Version", p.values.size());
            }
        }
        if (end < matching.size()) {
            out.put("NextToken", String.valueOf(end));
        }
        return out;
    }

    /** "name" or "name:version". */
    private ObjectNode resolve(String id) {
        String name = id;
        Integer version = null;
        int colon = id.lastIndexOf(':');
        if (colon > 0 && id.substring(colon + 1).matches("\\d+")) {
            name = id.substring(0, colon);
            version = Integer.parseInt(id.substring(colon + 1));
        }
        Param p = params.get(name);
        if (p == null) {
            throw new AwsError(400, "ParameterNotFound", "");
        }
        if (version != null && (version < 1 || version > p.values.size())) {
            throw new AwsError(400, "ParameterVersionNotFound", "");
        }
        return node(p, version == null ? p.values.size() : version);
    }

    private static ObjectNode node(Param p, int version) {
        return FakeAws.JSON.createObjectNode().put("Name", p.name).put("Type", p.type)
                .put("Value", p.values.get(version - 1)).put("Version", version)
                .put("ARN", "arn:aws:ssm:fake:000000000000:parameter" + p.name);
    }
}
