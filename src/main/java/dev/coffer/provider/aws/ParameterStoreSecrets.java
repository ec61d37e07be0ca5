package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SharedCalls;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** AWS Systems Manager Parameter Store ({@code service: ParameterStore}). */
final class ParameterStoreSecrets extends AwsSecretsClient {

    /** GetParameters takes at most 10 names. */
    static final int BATCH = 10;

    private final SsmClient ssm;
    private final ParameterStorePusher pusher;

    ParameterStoreSecrets(String prefix, String region, SharedCalls shared, AwsCredentialChain credentials,
                          AwsClients clients) {
        super(prefix, region, shared, credentials, clients);
        this.ssm = clients.ssm(credentials.provider());
        this.pusher = new ParameterStorePusher(ssm, prefix, this::call);
    }

    @Override
    public java.util.Optional<dev.coffer.provider.SecretsPusher> pusher() {
        return java.util.Optional.of(pusher);
    }

    /** GetParameter with decryption; a version is addressed as {@code name:version}, as upstream. */
    @Override
    protected byte[] fetchValue(String name, String version) {
        String id = version == null ? name : name + ":" + version;
        String subject = subject(id);
        GetParameterResponse response = call("GetParameter", subject,
                () -> ssm.getParameter(b -> b.name(id).withDecryption(true)));
        Parameter p = response.parameter();
        if (p == null || p.value() == null) {
            throw ProviderException.missingValue(subject + " has no value");
        }
        return p.value().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected Map<String, String> fetchTags(String name, String version) {
        ListTagsForResourceResponse response = call("ListTagsForResource", subject(name),
                () -> ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)));
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag t : response.tagList()) {
            tags.put(t.key(), t.value());
        }
        return tags;
    }

    /**
     * By tags: DescribeParameters with tag (and path) filters, then the values 10 at a time.
     * Otherwise: GetParametersByPath (recursive, decrypted, paginated) under the path or "/",
     * falling back to DescribeParameters as upstream when that call is denied.
     */
    @Override
    protected Map<String, byte[]> fetchAll(ExternalSecretFind find) {
        Pattern regexp = find.name == null || isBlank(find.name.regexp) ? null : regexp(find.name.regexp);
        if (find.tags != null && !find.tags.isEmpty()) {
            return getBatched(describe(find, regexp));
        }
        try {
            return byPath(isBlank(find.path) ? "/" : find.path, regexp);
        } catch (ProviderException e) {
            if (e.kind() != ProviderException.Kind.ACCESS_DENIED) {
                throw e;
            }
            return getBatched(describe(find, regexp));
        }
    }

    private Map<String, byte[]> byPath(String path, Pattern regexp) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        String token = null;
        do {
            String next = token;
            GetParametersByPathResponse page = call("GetParametersByPath", "parameters under path \"" + path + "\"",
                    () -> ssm.getParametersByPath(b -> b.path(path).recursive(true).withDecryption(true).nextToken(next)));
            for (Parameter p : page.parameters()) {
                if (regexp == null || regexp.matcher(p.name()).find()) {
                    out.put(p.name(), p.value().getBytes(StandardCharsets.UTF_8));
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    private List<String> describe(ExternalSecretFind find, Pattern regexp) {
        List<ParameterStringFilter> filters = new ArrayList<>();
        if (find.tags != null) {
            find.tags.forEach((k, v) -> filters.add(ParameterStringFilter.builder()
                    .key("tag:" + k).option("Equals").values(v).build()));
        }
        if (!isBlank(find.path)) {
            filters.add(ParameterStringFilter.builder().key("Path").option("Recursive").values(find.path).build());
        }
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeParametersResponse page = call("DescribeParameters", "the parameters matching dataFrom.find",
                    () -> ssm.describeParameters(b -> b.parameterFilters(filters).nextToken(next)));
            for (ParameterMetadata p : page.parameters()) {
                if (regexp == null || regexp.matcher(p.name()).find()) {
                    names.add(p.name());
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return names;
    }

    private Map<String, byte[]> getBatched(List<String> names) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i += BATCH) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + BATCH));
            GetParametersResponse response = call("GetParameters", batch.size() + " parameters found by dataFrom.find",
                    () -> ssm.getParameters(b -> b.names(batch).withDecryption(true)));
            // invalidParameters: deleted between listing and reading, so no longer found.
            for (Parameter p : response.parameters()) {
                out.put(p.name(), p.value().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String subject(String name) {
        return "parameter \"" + name + "\"";
    }

    @Override
    protected void closeServiceClients() {
        ssm.close();
    }
}
