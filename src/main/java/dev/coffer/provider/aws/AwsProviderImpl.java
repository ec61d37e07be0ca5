package dev.coffer.provider.aws;

import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.providers.AwsAuthSecretRef;
import dev.coffer.api.externalsecrets.v1.providers.AwsProvider;
import dev.coffer.api.externalsecrets.v1.providers.AwsSecretsManager;
import dev.coffer.api.externalsecrets.v1.providers.AwsServiceType;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SharedCalls;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import software.amazon.awssdk.regions.Region;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code aws} provider: Secrets Manager or Parameter Store, by {@code service}. */
public final class AwsProviderImpl implements Provider {

    /** Region names look like us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1. */
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$");
    private static final Set<String> RESERVED_TAGS = Set.of("esoNamespace", "esoStoreName", "esoStoreKind");
    private static final String AUTH = "spec.provider.aws.auth.secretRef.";

    private final AwsOptions options;

    public AwsProviderImpl() {
        this(AwsOptions.defaults());
    }

    public AwsProviderImpl(AwsOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public void validate(StoreContext store) {
        AwsProvider block = store.spec().provider.aws;
        if (block.service == null) {
            throw ProviderException.invalidConfig("spec.provider.aws.service is required (SecretsManager or ParameterStore)");
        }
        if (block.service == AwsServiceType.CertificateManager) {
            throw ProviderException.invalidConfig("spec.provider.aws.service CertificateManager is not supported by Coffer yet");
        }
        validateRegion(block.region);
        if (block.auth != null && block.auth.secretRef != null && block.auth.jwt != null) {
            throw ProviderException.invalidConfig("spec.provider.aws.auth: set secretRef or jwt, not both");
        }
        if (block.auth != null && block.auth.jwt != null) {
            if (block.auth.jwt.serviceAccountRef == null || isBlank(block.auth.jwt.serviceAccountRef.name)) {
                throw ProviderException.invalidConfig("spec.provider.aws.auth.jwt.serviceAccountRef.name is required");
            }
            store.namespaceOf(block.auth.jwt.serviceAccountRef.namespace, "spec.provider.aws.auth.jwt.serviceAccountRef");
        }
        credentialRefs(store); // checks the secretRef selectors
        List<String> roles = new ArrayList<>(block.additionalRoles == null ? List.of() : block.additionalRoles);
        if (!isBlank(block.role)) {
            roles.add(block.role);
        }
        for (String role : roles) {
            if (isBlank(role) || !role.startsWith("arn:")) {
                throw ProviderException.invalidConfig("spec.provider.aws role \"" + role + "\" is not a role ARN (arn:...)");
            }
        }
        if (block.customSessionTags != null) {
            for (String reserved : RESERVED_TAGS) {
                if (block.customSessionTags.containsKey(reserved)) {
                    throw ProviderException.invalidConfig("spec.provider.aws.customSessionTags cannot contain the reserved key " + reserved);
                }
            }
        }
        validateSecretsManager(block.secretsManager);
    }

    @Override
    public List<SecretKeySelector> credentialRefs(StoreContext store) {
        AwsProvider block = store.spec().provider.aws;
        if (block.auth == null || block.auth.secretRef == null) {
            return List.of();
        }
        AwsAuthSecretRef ref = block.auth.secretRef;
        List<SecretKeySelector> refs = new ArrayList<>();
        refs.add(required(store, ref.accessKeyIDSecretRef, AUTH + "accessKeyIDSecretRef"));
        refs.add(required(store, ref.secretAccessKeySecretRef, AUTH + "secretAccessKeySecretRef"));
        if (ref.sessionTokenSecretRef != null) {
            refs.add(required(store, ref.sessionTokenSecretRef, AUTH + "sessionTokenSecretRef"));
        }
        return refs;
    }

    /** IRSA with a namespace-less service account, and session tags naming the namespace, vary per consumer. */
    @Override
    public boolean clientPerConsumerNamespace(StoreContext store) {
        AwsProvider block = store.spec().provider.aws;
        boolean namespaceLessServiceAccount = block.auth != null && block.auth.jwt != null
                && block.auth.jwt.serviceAccountRef != null && isBlank(block.auth.jwt.serviceAccountRef.namespace);
        boolean namespaceTags = block.sessionTagsPolicy != null
                && block.sessionTagsPolicy != dev.coffer.api.externalsecrets.v1.providers.AwsSessionTagsPolicy.None;
        return namespaceLessServiceAccount || namespaceTags;
    }

    @Override
    public SecretsClient newClient(StoreContext store) {
        validate(store);
        AwsProvider block = store.spec().provider.aws;
        AwsClients clients = new AwsClients(options, block.region);
        AwsCredentialChain credentials = null;
        try {
            credentials = new AwsCredentialChain(store, clients);
            SharedCalls shared = new SharedCalls(options.shareCalls(), options.shareWindow(), options.shareClock());
            return block.service == AwsServiceType.ParameterStore
                    ? new ParameterStoreSecrets(block.prefix, block.region, shared, credentials, clients)
                    : new SecretsManagerSecrets(block.prefix, block.region, shared, credentials, clients, block.secretsManager);
        } catch (RuntimeException e) {
            if (credentials != null) {
                credentials.close();
            }
            clients.close();
            throw e;
        }
    }

    private static void validateRegion(String region) {
        if (isBlank(region)) {
            throw ProviderException.invalidConfig("spec.provider.aws.region is required");
        }
        // Known regions pass; unknown ones must at least look like a region (new regions appear
        // before the SDK knows them), so typos such as "us-east1" or "eu_west_1" are caught here.
        if (!Region.regions().contains(Region.of(region)) && !REGION.matcher(region).matches()) {
            throw ProviderException.invalidConfig("spec.provider.aws.region \"" + region + "\" is not an AWS region");
        }
    }

    private static void validateSecretsManager(AwsSecretsManager sm) {
        if (sm == null) {
            return;
        }
        if (Boolean.TRUE.equals(sm.forceDeleteWithoutRecovery) && sm.recoveryWindowInDays != null && sm.recoveryWindowInDays > 0) {
            throw ProviderException.invalidConfig("spec.provider.aws.secretsManager: forceDeleteWithoutRecovery and"
                    + " recoveryWindowInDays cannot both be set");
        }
        if (sm.recoveryWindowInDays != null && sm.recoveryWindowInDays != 0
                && (sm.recoveryWindowInDays < 7 || sm.recoveryWindowInDays > 30)) {
            throw ProviderException.invalidConfig("spec.provider.aws.secretsManager.recoveryWindowInDays must be between 7 and 30");
        }
    }

    private static SecretKeySelector required(StoreContext store, SecretKeySelector ref, String what) {
        if (ref == null || isBlank(ref.name) || isBlank(ref.key)) {
            throw ProviderException.invalidConfig(what + " needs a Secret name and key");
        }
        store.namespaceOf(ref.namespace, what);
        return ref;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
