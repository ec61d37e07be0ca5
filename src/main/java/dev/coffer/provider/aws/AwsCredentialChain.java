package dev.coffer.provider.aws;

import dev.coffer.api.externalsecrets.v1.providers.AwsAuthSecretRef;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsSessionTag;
import dev.coffer.api.externalsecrets.v1.providers.AwsSessionTagsPolicy;
import dev.coffer.api.externalsecrets.v1.providers.ServiceAccountSelector;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.StoreContext;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.Tag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials of one store, in ESO's order: static keys from Secrets ({@code auth.secretRef}),
 * else a service-account token exchanged by AssumeRoleWithWebIdentity ({@code auth.jwt}), else
 * the SDK default chain; then each of {@code additionalRoles}, then {@code role} (with the
 * external id and session tags). The STS-backed steps are the SDK's caching providers: they keep
 * credentials and refresh them before they expire, on the calling thread.
 */
final class AwsCredentialChain implements AutoCloseable {

    static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
    static final String AUDIENCE_ANNOTATION = "eks.amazonaws.com/audience";
    static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";
    static final String SESSION_NAME = "coffer-provider-aws";
    /** Lifetime asked for service-account tokens; the STS session lasts its own hour. */
    private static final long TOKEN_SECONDS = 3600;

    private final List<AutoCloseable> owned = new ArrayList<>();
    private final AwsCredentialsProvider provider;

    AwsCredentialChain(StoreContext store, AwsClients clients) {
        AwsProvider block = store.spec().provider.aws;
        String region = block.region;
        String webIdentityRole = null;
        AwsCredentialsProvider current;
        if (block.auth != null && block.auth.secretRef != null) {
            current = StaticCredentialsProvider.create(staticKeys(store, block.auth.secretRef));
        } else if (block.auth != null && block.auth.jwt != null) {
            WebIdentity web = webIdentity(store, block);
            webIdentityRole = web.roleArn();
            current = webIdentityProvider(store, web, clients, region);
        } else {
            DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
            owned.add(chain);
            current = chain;
        }
        for (String role : nonNull(block.additionalRoles)) {
            current = assumeRole(current, clients, role, null, List.of(), List.of(), region);
        }
        if (block.role != null && !block.role.isBlank() && !block.role.equals(webIdentityRole)) {
            current = assumeRole(current, clients, block.role, block.externalID, sessionTags(store, block),
                    nonNull(block.transitiveTagKeys), region);
        }
        this.provider = current;
    }

    AwsCredentialsProvider provider() {
        return provider;
    }

    private AwsCredentialsProvider assumeRole(AwsCredentialsProvider source, AwsClients clients, String role,
                                              String externalId, List<Tag> tags, List<String> transitive, String region) {
        StsClient sts = clients.sts(source);
        owned.add(sts);
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(role).roleSessionName(SESSION_NAME);
        if (externalId != null && !externalId.isEmpty()) {
            request.externalId(externalId);
        }
        if (!tags.isEmpty()) {
            request.tags(tags);
            if (!transitive.isEmpty()) {
                request.transitiveTagKeys(transitive);
            }
        }
        AssumeRoleRequest built = request.build();
        StsAssumeRoleCredentialsProvider sdk = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(() -> built)
                .build();
        StepCredentials step = new StepCredentials(sdk, "AssumeRole", "role \"" + role + "\"", region);
        owned.add(step);
        return step;
    }

    private AwsCredentialsProvider webIdentityProvider(StoreContext store, WebIdentity web, AwsClients clients, String region) {
        // AssumeRoleWithWebIdentity is an unsigned call: the token is the credential.
        StsClient sts = clients.sts(AnonymousCredentialsProvider.create());
        owned.add(sts);
        StsAssumeRoleWithWebIdentityCredentialsProvider sdk = StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
                .stsClient(sts)
                // A supplier: every refresh asks the TokenRequest API for a fresh token.
                .refreshRequest(() -> AssumeRoleWithWebIdentityRequest.builder()
                        .roleArn(web.roleArn())
                        .roleSessionName(SESSION_NAME)
                        .webIdentityToken(store.kube().serviceAccountToken(web.namespace(), web.name(),
                                web.audiences(), TOKEN_SECONDS))
                        .build())
                .build();
        StepCredentials step = new StepCredentials(sdk, "AssumeRoleWithWebIdentity",
                "role \"" + web.roleArn() + "\" (service account " + web.namespace() + "/" + web.name() + ")", region);
        owned.add(step);
        return step;
    }

    private record WebIdentity(String namespace, String name, String roleArn, List<String> audiences) {
    }

    private static WebIdentity webIdentity(StoreContext store, AwsProvider block) {
        ServiceAccountSelector sa = block.auth.jwt.serviceAccountRef;
        if (sa == null || sa.name == null || sa.name.isEmpty()) {
            throw ProviderException.invalidConfig("spec.provider.aws.auth.jwt.serviceAccountRef.name is required");
        }
        String namespace = store.namespaceOf(sa.namespace, "spec.provider.aws.auth.jwt.serviceAccountRef");
        // A missing ServiceAccount fails at the TokenRequest below, with its own clear message.
        Map<String, String> annotations = store.kube().serviceAccountAnnotations(namespace, sa.name).orElse(Map.of());
        String role = Optional.ofNullable(annotations.get(ROLE_ARN_ANNOTATION)).filter(s -> !s.isBlank())
                .orElse(block.role);
        if (role == null || role.isBlank()) {
            throw ProviderException.invalidConfig("service account " + namespace + "/" + sa.name
                    + " has no " + ROLE_ARN_ANNOTATION + " annotation and spec.provider.aws.role is not set:"
                    + " no role to assume with its token");
        }
        List<String> audiences = new ArrayList<>();
        audiences.add(Optional.ofNullable(annotations.get(AUDIENCE_ANNOTATION)).filter(s -> !s.isBlank())
                .orElse(DEFAULT_AUDIENCE));
        audiences.addAll(nonNull(sa.audiences));
        return new WebIdentity(namespace, sa.name, role, List.copyOf(audiences));
    }

    private static AwsCredentials staticKeys(StoreContext store, AwsAuthSecretRef ref) {
        String id = store.secretString(ref.accessKeyIDSecretRef, "spec.provider.aws.auth.secretRef.accessKeyIDSecretRef");
        String secret = store.secretString(ref.secretAccessKeySecretRef,
                "spec.provider.aws.auth.secretRef.secretAccessKeySecretRef");
        if (ref.sessionTokenSecretRef != null) {
            String token = store.secretString(ref.sessionTokenSecretRef,
                    "spec.provider.aws.auth.secretRef.sessionTokenSecretRef");
            return AwsSessionCredentials.create(id, secret, token);
        }
        return AwsBasicCredentials.create(id, secret);
    }

    /** The store's sessionTags plus, by sessionTagsPolicy, the esoNamespace/esoStoreName/esoStoreKind tags. */
    static List<Tag> sessionTags(StoreContext store, AwsProvider block) {
        List<Tag> tags = new ArrayList<>();
        for (AwsSessionTag t : nonNull(block.sessionTags)) {
            tags.add(Tag.builder().key(t.key).value(t.value).build());
        }
        AwsSessionTagsPolicy policy = block.sessionTagsPolicy == null ? AwsSessionTagsPolicy.None : block.sessionTagsPolicy;
        if (policy != AwsSessionTagsPolicy.None) {
            String namespace = store.identity().isCluster() ? store.consumerNamespace() : store.identity().namespace();
            tags.add(Tag.builder().key("esoNamespace").value(namespace).build());
            tags.add(Tag.builder().key("esoStoreName").value(store.identity().name()).build());
            tags.add(Tag.builder().key("esoStoreKind").value(store.identity().kind()).build());
        }
        if (policy == AwsSessionTagsPolicy.Custom && block.customSessionTags != null) {
            block.customSessionTags.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        }
        return tags;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? Collections.emptyList() : list;
    }

    @Override
    public void close() {
        // Close in reverse: each step depends on the ones before it.
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception ignored) {
                // closing is best effort; nothing here holds a secret
            }
        }
    }
}
