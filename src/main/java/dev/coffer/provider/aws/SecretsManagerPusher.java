package dev.coffer.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.api.externalsecrets.v1.providers.AwsSecretsManager;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.PushOutcome;
import dev.coffer.provider.PushRemoteRef;
import dev.coffer.provider.PushRequest;
import dev.coffer.provider.PushedJson;
import dev.coffer.provider.SecretsPusher;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceRequest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes to AWS Secrets Manager through the SDK: CreateSecret (with the managed-by tag, the
 * metadata's tags, {@code kmsKeyID} and {@code description}) or PutSecretValue, only when the
 * current value differs; missing tags are added with TagResource. {@code secretPushFormat}
 * {@code string} writes SecretString, anything else SecretBinary (upstream's default). Delete
 * honours the store's {@code forceDeleteWithoutRecovery} and {@code recoveryWindowInDays}.
 */
final class SecretsManagerPusher implements SecretsPusher {

    /** Upstream's push metadata for Secrets Manager ({@code spec} of a PushSecretMetadata). */
    private record Metadata(boolean asString, Map<String, String> tags, String kmsKeyId, String description) {

        static Metadata of(JsonNode metadata) {
            PushMetadataSpec spec = PushMetadataSpec.of(metadata);
            return new Metadata("string".equals(spec.text("secretPushFormat")), spec.tags(),
                    spec.text("kmsKeyID"), spec.text("description"));
        }
    }

    private final SecretsManagerClient sm;
    private final String prefix;
    private final AwsSecretsManager options;
    private final AwsCall aws;
    private final SecretsManagerSecrets reads;

    SecretsManagerPusher(SecretsManagerClient sm, String prefix, AwsSecretsManager options, AwsCall aws, SecretsManagerSecrets reads) {
        this.sm = sm;
        this.prefix = prefix == null ? "" : prefix;
        this.options = options;
        this.aws = aws;
        this.reads = reads;
    }

    @Override
    public PushOutcome push(PushRequest request) {
        PushRemoteRef remote = request.remote();
        String name = prefix + remote.remoteKey();
        Metadata meta = Metadata.of(remote.metadata());
        Optional<DescribeSecretResponse> described = describe(name);
        if (described.isEmpty()) {
            byte[] value = remote.hasProperty() ? PushedJson.withProperty(null, remote.property(), request.value(), name) : request.value();
            Map<String, String> tags = new LinkedHashMap<>(meta.tags());
            tags.put(MANAGED_BY_KEY, MANAGED_BY_VALUE);
            CreateSecretRequest.Builder create = CreateSecretRequest.builder().name(name).tags(tags(tags))
                    .kmsKeyId(meta.kmsKeyId()).description(meta.description());
            if (meta.asString()) {
                create.secretString(new String(value, StandardCharsets.UTF_8));
            } else {
                create.secretBinary(SdkBytes.fromByteArray(value));
            }
            aws.call("CreateSecret", name, () -> sm.createSecret(create.build()));
            return PushOutcome.CREATED;
        }
        Map<String, String> current = tagsOf(described.get());
        boolean managed = MANAGED_BY_VALUE.equals(current.get(MANAGED_BY_KEY));
        if (!managed && !request.replaceUnmanaged()) {
            throw ProviderException.invalidConfig("secret \"" + name + "\" exists in Secrets Manager and is not managed by external-secrets");
        }
        byte[] held = currentValue(name);
        byte[] next = remote.hasProperty() ? PushedJson.withProperty(held, remote.property(), request.value(), name) : request.value();
        Map<String, String> missing = new LinkedHashMap<>();
        meta.tags().forEach((k, v) -> {
            if (!v.equals(current.get(k))) {
                missing.put(k, v);
            }
        });
        boolean valueChanged = held == null || !Arrays.equals(held, next);
        if (valueChanged) {
            PutSecretValueRequest.Builder put = PutSecretValueRequest.builder().secretId(name);
            if (meta.asString()) {
                put.secretString(new String(next, StandardCharsets.UTF_8));
            } else {
                put.secretBinary(SdkBytes.fromByteArray(next));
            }
            aws.call("PutSecretValue", name, () -> sm.putSecretValue(put.build()));
        }
        if (!missing.isEmpty()) {
            aws.call("TagResource", name, () -> sm.tagResource(TagResourceRequest.builder().secretId(name).tags(tags(missing)).build()));
        }
        return valueChanged || !missing.isEmpty() ? PushOutcome.UPDATED : PushOutcome.UNCHANGED;
    }

    @Override
    public boolean delete(PushRemoteRef remote) {
        String name = prefix + remote.remoteKey();
        Optional<DescribeSecretResponse> described = describe(name);
        if (described.isEmpty() || !MANAGED_BY_VALUE.equals(tagsOf(described.get()).get(MANAGED_BY_KEY))) {
            return false;
        }
        if (remote.hasProperty()) {
            byte[] held = currentValue(name);
            if (held == null || !PushedJson.hasProperty(held, remote.property())) {
                return false;
            }
            Optional<byte[]> rest = PushedJson.withoutProperty(held, remote.property(), name);
            if (rest.isPresent()) {
                aws.call("PutSecretValue", name, () -> sm.putSecretValue(PutSecretValueRequest.builder().secretId(name)
                        .secretString(new String(rest.get(), StandardCharsets.UTF_8)).build()));
                return true;
            }
        }
        DeleteSecretRequest.Builder delete = DeleteSecretRequest.builder().secretId(name);
        if (options != null && Boolean.TRUE.equals(options.forceDeleteWithoutRecovery)) {
            delete.forceDeleteWithoutRecovery(true);
        } else if (options != null && options.recoveryWindowInDays != null) {
            delete.recoveryWindowInDays(options.recoveryWindowInDays);
        }
        aws.call("DeleteSecret", name, () -> sm.deleteSecret(delete.build()));
        return true;
    }

    @Override
    public boolean exists(PushRemoteRef remote) {
        String name = prefix + remote.remoteKey();
        if (describe(name).isEmpty()) {
            return false;
        }
        if (!remote.hasProperty()) {
            return true;
        }
        byte[] held = currentValue(name);
        return held != null && PushedJson.hasProperty(held, remote.property());
    }

    /** The secret, unless it does not exist or is scheduled for deletion (upstream treats that as gone too). */
    private Optional<DescribeSecretResponse> describe(String name) {
        try {
            DescribeSecretResponse d = aws.call("DescribeSecret", name, () -> sm.describeSecret(b -> b.secretId(name)));
            return d.deletedDate() == null ? Optional.of(d) : Optional.empty();
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The current value, or null when the secret has none yet. */
    private byte[] currentValue(String name) {
        try {
            return reads.fetchValue(name, null);
        } catch (ProviderException e) {
            if (e.kind() == ProviderException.Kind.NOT_FOUND || e.kind() == ProviderException.Kind.MISSING_VALUE) {
                return null;
            }
            throw e;
        }
    }

    private static Map<String, String> tagsOf(DescribeSecretResponse d) {
        Map<String, String> out = new LinkedHashMap<>();
        if (d.tags() != null) {
            d.tags().forEach(t -> out.put(t.key(), t.value()));
        }
        return out;
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
