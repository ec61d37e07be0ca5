package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SharedCalls;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** AWS Secrets Manager ({@code service: SecretsManager}). */
final class SecretsManagerSecrets extends AwsSecretsClient {

    /** BatchGetSecretValue takes at most 20 secret ids. */
    static final int BATCH = 20;
    private static final Pattern VERSION_ID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final SecretsManagerClient sm;
    private final SecretsManagerPusher pusher;

    SecretsManagerSecrets(String prefix, String region, SharedCalls shared, AwsCredentialChain credentials,
                          AwsClients clients, dev.coffer.api.externalsecrets.v1.providers.AwsSecretsManager options) {
        super(prefix, region, shared, credentials, clients);
        this.sm = clients.secretsManager(credentials.provider());
        this.pusher = new SecretsManagerPusher(sm, prefix, options, this::call, this);
    }

    @Override
    public java.util.Optional<dev.coffer.provider.SecretsPusher> pusher() {
        return java.util.Optional.of(pusher);
    }

    @Override
    protected byte[] fetchValue(String name, String version) {
        GetSecretValueRequest.Builder request = GetSecretValueRequest.builder().secretId(name);
        // As upstream: "uuid/<id>" is a version id, anything else a staging label; a bare UUID is
        // taken as an id too, since no one labels a stage with one.
        if (version == null) {
            request.versionStage("AWSCURRENT");
        } else if (version.startsWith("uuid/")) {
            request.versionId(version.substring("uuid/".length()));
        } else if (VERSION_ID.matcher(version).matches()) {
            request.versionId(version);
        } else {
            request.versionStage(version);
        }
        String subject = subject(name, version);
        GetSecretValueResponse response = call("GetSecretValue", subject, () -> sm.getSecretValue(request.build()));
        return valueOf(response.secretString(), response.secretBinary() == null ? null : response.secretBinary().asByteArray(), subject);
    }

    @Override
    protected Map<String, String> fetchTags(String name, String version) {
        DescribeSecretResponse response = call("DescribeSecret", subject(name, null),
                () -> sm.describeSecret(b -> b.secretId(name)));
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag t : response.tags()) {
            tags.put(t.key(), t.value());
        }
        return tags;
    }

    /** ListSecrets (filters by path prefix and tags, paginated), match the regexp, then the values 20 at a time. */
    @Override
    protected Map<String, byte[]> fetchAll(ExternalSecretFind find) {
        List<Filter> filters = new ArrayList<>();
        if (!isBlank(find.path)) {
            filters.add(Filter.builder().key(FilterNameStringType.NAME).values(find.path).build());
        }
        if (find.tags != null) {
            find.tags.forEach((k, v) -> {
                filters.add(Filter.builder().key(FilterNameStringType.TAG_KEY).values(k).build());
                filters.add(Filter.builder().key(FilterNameStringType.TAG_VALUE).values(v).build());
            });
        }
        Pattern regexp = find.name == null || isBlank(find.name.regexp) ? null : regexp(find.name.regexp);
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListSecretsResponse page = call("ListSecrets", "the secrets matching dataFrom.find",
                    () -> sm.listSecrets(b -> b.filters(filters).nextToken(next)));
            for (SecretListEntry e : page.secretList()) {
                if (regexp == null || regexp.matcher(e.name()).find()) {
                    names.add(e.name());
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i += BATCH) {
            batchGet(names.subList(i, Math.min(names.size(), i + BATCH)), out);
        }
        return out;
    }

    private void batchGet(List<String> ids, Map<String, byte[]> out) {
        String token = null;
        do {
            String next = token;
            BatchGetSecretValueResponse page = call("BatchGetSecretValue", ids.size() + " secrets found by dataFrom.find",
                    () -> sm.batchGetSecretValue(b -> b.secretIdList(ids).nextToken(next)));
            for (SecretValueEntry e : page.secretValues()) {
                out.put(e.name(), valueOf(e.secretString(), e.secretBinary() == null ? null : e.secretBinary().asByteArray(),
                        subject(e.name(), null)));
            }
            for (APIErrorType error : page.errors()) {
                // A secret deleted between listing and reading is simply no longer found.
                if (!"ResourceNotFoundException".equals(error.errorCode())) {
                    throw AwsErrors.fromCode(error.errorCode(), "BatchGetSecretValue", subject(error.secretId(), null));
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
    }

    private static byte[] valueOf(String string, byte[] binary, String subject) {
        if (string != null) {
            return string.getBytes(StandardCharsets.UTF_8);
        }
        if (binary != null) {
            return binary;
        }
        throw ProviderException.missingValue(subject + " has neither SecretString nor SecretBinary");
    }

    private static String subject(String name, String version) {
        return "secret \"" + name + "\"" + (version == null ? "" : " version \"" + version + "\"");
    }

    @Override
    protected void closeServiceClients() {
        sm.close();
    }
}
