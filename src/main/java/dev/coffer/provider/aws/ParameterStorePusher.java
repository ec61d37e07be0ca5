package dev.coffer.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.PushedJson;
import dev.coffer.provider.SecretsPusher;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes to AWS Systems Manager Parameter Store through the SDK, with upstream's metadata
 * ({@code secretType} String, StringList or SecureString, default String; {@code kmsKeyID} for
 * SecureString, default {@code alias/aws/ssm}; {@code tier.type} and {@code tier.policies};
 * {@code tags}; {@code description}; {@code encodeAsDecoded}). A new parameter is created with
 * PutParameter without overwrite, carrying the managed-by tag; an existing one is overwritten
 * only when its value or type differs (AWS refuses tags together with overwrite, so missing tags
 * go first with AddTagsToResource, and the value write is the last call).
 *
 * <p>A whole-Secret push writes a JSON object whose values are base64, as upstream's
 * {@code json.Marshal} of the Secret's bytes does, unless {@code encodeAsDecoded: true}.
 */
final class ParameterStorePusher implements SecretsPusher {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Upstream's defaults. */
    private static final String DEFAULT_KMS_KEY = "alias/aws/ssm";
    private static final String DEFAULT_DESCRIPTION = "secret '" + MANAGED_BY_KEY + ":" + MANAGED_BY_VALUE + "'";

    private record Metadata(ParameterType type, String kmsKeyId, ParameterTier tier, String policies,
                            boolean encodeAsDecoded, Map<String, String> tags, String description) {

        static Metadata of(JsonNode metadata) {
            PushMetadataSpec spec = PushMetadataSpec.of(metadata);
            ParameterType type = enumOf(spec.text("secretType"), ParameterType.STRING, ParameterType::fromValue, "secretType",
                    "String, StringList or SecureString");
            JsonNode tier = spec.node("tier");
            ParameterTier tierType = enumOf(tier.isObject() ? text(tier.path("type")) : null, ParameterTier.STANDARD,
                    ParameterTier::fromValue, "tier.type", "Standard, Advanced or Intelligent-Tiering");
            JsonNode policies = tier.path("policies");
            String policiesJson = policies.isMissingNode() || policies.isNull() ? null
                    : policies.isTextual() ? policies.asText() : policies.toString();
            Map<String, String> tags = spec.tags();
            if (tags.containsKey(MANAGED_BY_KEY)) {
                throw ProviderException.invalidConfig("metadata.spec.tags cannot set the \"" + MANAGED_BY_KEY
                        + "\" tag for a Parameter Store push");
            }
            String kms = spec.text("kmsKeyID");
            String description = spec.text("description");
            return new Metadata(type, kms == null ? DEFAULT_KMS_KEY : kms, tierType, policiesJson,
                    spec.node("encodeAsDecoded").asBoolean(false), tags, description == null ? DEFAULT_DESCRIPTION : description);
        }

        private static String text(JsonNode n) {
            return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
        }

        private static <E extends Enum<E>> E enumOf(String text, E fallback, java.util.function.Function<String, E> parse,
                                                    String field, String allowed) {
            if (text == null) {
                return fallback;
            }
            E e = parse.apply(text);
            if (e == null || e.name().equals("UNKNOWN_TO_SDK_VERSION")) {
                throw ProviderException.invalidConfig("metadata.spec." + field + " \"" + text + "\" is not one of " + allowed);
            }
            return e;
        }

        /** A PutParameter for {@code name}: value, type, description, the key for SecureString, the tier unless Standard. */
        PutParameterRequest.Builder put(String name, byte[] value) {
            PutParameterRequest.Builder put = PutParameterRequest.builder().name(name)
                    .value(new String(value, StandardCharsets.UTF_8)).type(type).description(description);
            if (type == ParameterType.SECURE_STRING) {
                put.keyId(kmsKeyId);
            }
            if (tier != ParameterTier.STANDARD) {
                put.tier(tier).policies(policies);
            }
            return put;
        }
    }

    private final SsmClient ssm;
    private final String prefix;
    private final AwsCall aws;

    ParameterStorePusher(SsmClient ssm, String prefix, AwsCall aws) {
        this.ssm = ssm;
        this.prefix = prefix == null ? "" : prefix;
        this.aws = aws;
    }

    @Override
    public PushOutcome push(PushRequest request) {
        PushRemoteRef remote = request.remote();
        String name = prefix + remote.remoteKey();
        Metadata meta = Metadata.of(remote.metadata());
        byte[] value = request.isWholeSecret() && !meta.encodeAsDecoded() ? base64Json(request.wholeSecret()) : request.value();
        Optional<Parameter> held = get(name);
        if (held.isEmpty()) {
            byte[] first = remote.hasProperty() ? PushedJson.withProperty(null, remote.property(), value, name) : value;
            Map<String, String> tags = new LinkedHashMap<>(meta.tags());
            tags.put(MANAGED_BY_KEY, MANAGED_BY_VALUE);
            PutParameterRequest put = meta.put(name, first).overwrite(false).tags(tags(tags)).build();
            aws.call("PutParameter", subject(name), () -> ssm.putParameter(put));
            return PushOutcome.CREATED;
        }
        Map<String, String> current = tagsOf(name);
        if (!MANAGED_BY_VALUE.equals(current.get(MANAGED_BY_KEY)) && !request.replaceUnmanaged()) {
            throw ProviderException.invalidConfig(subject(name) + " exists in Parameter Store and is not managed by external-secrets");
        }
        byte[] heldValue = held.get().value().getBytes(StandardCharsets.UTF_8);
        byte[] next = remote.hasProperty() ? PushedJson.withProperty(heldValue, remote.property(), value, name) : value;
        Map<String, String> missing = new LinkedHashMap<>();
        meta.tags().forEach((k, v) -> {
            if (!v.equals(current.get(k))) {
                missing.put(k, v);
            }
        });
        boolean changed = !java.util.Arrays.equals(heldValue, next) || held.get().type() != meta.type();
        if (!missing.isEmpty()) {
            aws.call("AddTagsToResource", subject(name), () -> ssm.addTagsToResource(b -> b
                    .resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name).tags(tags(missing))));
        }
        if (changed) {
            PutParameterRequest put = meta.put(name, next).overwrite(true).build();
            aws.call("PutParameter", subject(name), () -> ssm.putParameter(put));
        }
        return changed || !missing.isEmpty() ? PushOutcome.UPDATED : PushOutcome.UNCHANGED;
    }

    @Override
    public boolean delete(PushRemoteRef remote) {
        String name = prefix + remote.remoteKey();
        Optional<Parameter> held = get(name);
        if (held.isEmpty() || !MANAGED_BY_VALUE.equals(tagsOf(name).get(MANAGED_BY_KEY))) {
            return false;
        }
        if (remote.hasProperty()) {
            byte[] heldValue = held.get().value().getBytes(StandardCharsets.UTF_8);
            if (!PushedJson.hasProperty(heldValue, remote.property())) {
                return false;
            }
            Optional<byte[]> rest = PushedJson.withoutProperty(heldValue, remote.property(), name);
            if (rest.isPresent()) {
                // Same type; a SecureString keeps the key it was encrypted with when KeyId is left out.
                PutParameterRequest put = PutParameterRequest.builder().name(name).overwrite(true)
                        .type(held.get().type()).value(new String(rest.get(), StandardCharsets.UTF_8)).build();
                aws.call("PutParameter", subject(name), () -> ssm.putParameter(put));
                return true;
            }
        }
        try {
            aws.call("DeleteParameter", subject(name), () -> ssm.deleteParameter(b -> b.name(name)));
            return true;
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean exists(PushRemoteRef remote) {
        Optional<Parameter> held = get(prefix + remote.remoteKey());
        return held.isPresent() && (!remote.hasProperty()
                || PushedJson.hasProperty(held.get().value().getBytes(StandardCharsets.UTF_8), remote.property()));
    }

    /** The parameter, decrypted, or empty when there is none. */
    private Optional<Parameter> get(String name) {
        try {
            Parameter p = aws.call("GetParameter", subject(name), () -> ssm.getParameter(b -> b.name(name).withDecryption(true))).parameter();
            return Optional.ofNullable(p);
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Map<String, String> tagsOf(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        aws.call("ListTagsForResource", subject(name), () -> ssm.listTagsForResource(b -> b
                .resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)))
                .tagList().forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    /** Upstream's whole-Secret encoding: a JSON object, sorted keys, base64 values. */
    private static byte[] base64Json(Map<String, byte[]> data) {
        ObjectNode object = JSON.createObjectNode();
        data.forEach((k, v) -> object.put(k, Base64.getEncoder().encodeToString(v)));
        try {
            return JSON.writeValueAsBytes(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a map of strings", e);
        }
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static String subject(String name) {
        return "parameter \"" + name + "\"";
    }
}
