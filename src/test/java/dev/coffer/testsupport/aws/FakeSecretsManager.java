package dev.coffer.testsupport.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The Secrets Manager side of {@link FakeAws}: secrets with versions, stages and tags. */
public final class FakeSecretsManager {

    private static final int BATCH_LIMIT = 20;

    private final Map<String, Secret> secrets = new LinkedHashMap<>();

    private static final class Secret {
        final String name;
        final String arn;
        final List<Version> versions = new ArrayList<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        boolean deleted;

        Secret(String name) {
            this.name = name;
            this.arn = "arn:aws:secretsmanager:fake:000000000000:secret:" + name + "-AbCdEf";
        }
    }

    private static final class Version {
        final String id = UUID.randomUUID().toString();
        final String string;
        final byte[] binary;
        final Set<String> stages = new TreeSet<>();

        Version(String string, byte[] binary) {
            this.string = string;
            this.binary = binary;
        }
    }

    /** Stores a new string version as AWSCURRENT (the old current becomes AWSPREVIOUS); returns its id. */
    public synchronized String put(String name, String value) {
        return putVersion(name, new Version(value, null));
    }

    /** A version with neither SecretString nor SecretBinary (AWS does not prevent it through every API). */
    public synchronized String putEmpty(String name) {
        return putVersion(name, new Version(null, null));
    }

    public synchronized String putBinary(String name, byte[] value) {
        return putVersion(name, new Version(null, value));
    }

    public synchronized void tag(String name, String key, String value) {
        secret(name).tags.put(key, value);
    }

    public synchronized void markForDeletion(String name) {
        secret(name).deleted = true;
    }

    private String putVersion(String name, Version v) {
        Secret s = secrets.computeIfAbsent(name, Secret::new);
        for (Version old : s.versions) {
            old.stages.remove("AWSPREVIOUS");
            if (old.stages.remove("AWSCURRENT")) {
                old.stages.add("AWSPREVIOUS");
            }
        }
        v.stages.add("AWSCURRENT");
        s.versions.add(v);
        return v.id;
    }

    private Secret secret(String name) {
        Secret s = secrets.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no fake secret " + name);
        }
        return s;
    }

    synchronized JsonNode handle(String operation, JsonNode in, int pageSize) {
        return switch (operation) {
            case "GetSecretValue" -> getSecretValue(in);
            case "DescribeSecret" -> describe(in);
            case "ListSecrets" -> list(in, pageSize);
            case "BatchGetSecretValue" -> batchGet(in);
            default -> throw new AwsError(400, "UnknownOperationException", operation);
        };
    }

    private JsonNode getSecretValue(JsonNode in) {
        Secret s = find(in.path("SecretId").asText());
        if (s == null) {
            throw new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        if (s.deleted) {
            throw new AwsError(400, "InvalidRequestException",
                    "You can't perform this operation on the secret because it was marked for deletion.");
        }
        String versionId = in.path("VersionId").asText(null);
        String stage = in.path("VersionStage").asText(versionId == null ? "AWSCURRENT" : null);
        for (Version v : s.versions) {
            if ((versionId == null || versionId.equals(v.id)) && (stage == null || v.stages.contains(stage))) {
                return value(s, v);
            }
        }
        throw new AwsError(400, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret value for staging label or version id");
    }

    private JsonNode describe(JsonNode in) {
        Secret s = find(in.path("SecretId").asText());
        if (s == null) {
            throw new AwsError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        }
        ObjectNode out = FakeAws.JSON.createObjectNode().put("ARN", s.arn).put("Name", s.name);
        out.set("Tags", tags(s));
        return out;
    }

    private JsonNode list(JsonNode in, int pageSize) {
        List<Secret> matching = new ArrayList<>();
        for (Secret s : secrets.values()) {
            if (!s.deleted && matches(s, in.path("Filters"))) {
                matching.add(s);
            }
        }
        int start = in.hasNonNull("NextToken") ? Integer.parseInt(in.get("NextToken").asText()) : 0;
        int end = Math.min(matching.size(), start + pageSize);
        ObjectNode out = FakeAws.JSON.createObjectNode();
        ArrayNode list = out.putArray("SecretList");
        for (Secret s : matching.subList(start, end)) {
            ObjectNode e = list.addObject().put("ARN", s.arn).put("Name", s.name);
            e.set("Tags", tags(s));
        }
        if (end < matching.size()) {
            out.put("NextToken", String.valueOf(end));
        }
        return out;
    }

    private JsonNode batchGet(JsonNode in) {
        JsonNode ids = in.path("SecretIdList");
        FakeAws.checkBatch(ids, BATCH_LIMIT, "SecretIdList");
        ObjectNode out = FakeAws.JSON.createObjectNode();
        ArrayNode values = out.putArray("SecretValues");
        ArrayNode errors = out.putArray("Errors");
        for (JsonNode id : ids) {
            Secret s = find(id.asText());
            Version current = s == null || s.deleted ? null
                    : s.versions.stream().filter(v -> v.stages.contains("AWSCURRENT")).findFirst().orElse(null);
            if (current == null) {
                errors.addObject().put("SecretId", id.asText()).put("ErrorCode", "ResourceNotFoundException")
                        .put("Message", "not found");
            } else {
                values.add(value(s, current));
            }
        }
        return out;
    }

    private static boolean matches(Secret s, JsonNode filters) {
        for (JsonNode f : filters) {
            String key = f.path("Key").asText();
            boolean any = false;
            for (JsonNode value : f.path("Values")) {
                String v = value.asText();
                // As AWS: prefix matches, case-sensitive; tag keys and tag values are matched each on their own
                any |= switch (key) {
                    case "name" -> s.name.startsWith(v);
                    case "tag-key" -> s.tags.keySet().stream().anyMatch(k -> k.startsWith(v));
                    case "tag-value" -> s.tags.values().stream().anyMatch(t -> t.startsWith(v));
                    default -> throw new AwsError(400, "InvalidParameterException", "unsupported filter " + key);
                };
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private Secret find(String id) {
        for (Secret s : secrets.values()) {
            if (s.name.equals(id) || s.arn.equals(id)) {
                return s;
            }
        }
        return null;
    }

    private static ObjectNode value(Secret s, Version v) {
        ObjectNode out = FakeAws.JSON.createObjectNode().put("ARN", s.arn).put("Name", s.name).put("VersionId", v.id);
        if (v.string != null) {
            out.put("SecretString", v.string);
        } else {
            out.put("SecretBinary", v.binary); // Jackson writes byte[] as base64, as the protocol wants
        }
        ArrayNode stages = out.putArray("VersionStages");
        v.stages.forEach(stages::add);
        out.put("CreatedDate", 1700000000);
        return out;
    }

    private static ArrayNode tags(Secret s) {
        ArrayNode tags = FakeAws.JSON.createArrayNode();
        s.tags.forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return tags;
    }
}
