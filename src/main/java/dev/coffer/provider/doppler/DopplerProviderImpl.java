package dev.coffer.provider.doppler;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.meta.v1.SecretKeySelector;
import dev.coffer.api.externalsecrets.v1.providers.DopplerAuth;
import dev.coffer.api.externalsecrets.v1.providers.DopplerOidcAuth;
import dev.coffer.api.externalsecrets.v1.providers.DopplerProvider;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SharedCalls;
import dev.coffer.provider.StoreContext;
import dev.coffer.provider.StoreIdentity;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code doppler} provider: Doppler's v3 API over the JDK HTTP client, with a service token
 * (the Basic-auth user name) or OIDC (a ServiceAccount token exchanged at {@code /v3/auth/oidc}).
 */
public final class DopplerProviderImpl implements Provider {

    static final String BLOCK = "spec.provider.doppler";
    /** Upstream's default key in the token Secret. */
    static final String DEFAULT_TOKEN_KEY = "dopplerToken";
    private static final ObjectMapper WIRE = new ObjectMapper();

    private final DopplerOptions options;

    public DopplerProviderImpl() {
        this(DopplerOptions.defaults());
    }

    public DopplerProviderImpl(DopplerOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "doppler";
    }

    @Override
    public void validate(StoreContext store) {
        DopplerAuth auth = store.spec().provider.doppler.auth;
        if (auth == null || (auth.secretRef == null) == (auth.oidcConfig == null)) {
            throw ProviderException.invalidConfig(BLOCK + ".auth: set exactly one of secretRef and oidcConfig");
        }
        if (auth.oidcConfig != null) {
            DopplerOidcAuth oidc = auth.oidcConfig;
            if (isBlank(oidc.identity)) {
                throw ProviderException.invalidConfig(BLOCK + ".auth.oidcConfig.identity is required");
            }
            if (oidc.serviceAccountRef == null || isBlank(oidc.serviceAccountRef.name)) {
                throw ProviderException.invalidConfig(BLOCK + ".auth.oidcConfig.serviceAccountRef.name is required");
            }
            store.namespaceOf(oidc.serviceAccountRef.namespace, BLOCK + ".auth.oidcConfig.serviceAccountRef");
        }
        credentialRefs(store);
        options.baseUrl();
    }

    @Override
    public List<SecretKeySelector> credentialRefs(StoreContext store) {
        DopplerAuth auth = store.spec().provider.doppler.auth;
        if (auth == null || auth.secretRef == null) {
            return List.of();
        }
        String what = BLOCK + ".auth.secretRef.dopplerToken";
        SecretKeySelector ref = auth.secretRef.dopplerToken;
        if (ref == null || isBlank(ref.name)) {
            throw ProviderException.invalidConfig(what + ".name is required");
        }
        store.namespaceOf(ref.namespace, what);
        return List.of(tokenRef(ref));
    }

    /** OIDC with a ServiceAccount named without a namespace resolves in the consumer's namespace. */
    @Override
    public boolean clientPerConsumerNamespace(StoreContext store) {
        DopplerAuth auth = store.spec().provider.doppler.auth;
        return auth != null && auth.oidcConfig != null && auth.oidcConfig.serviceAccountRef != null
                && isBlank(auth.oidcConfig.serviceAccountRef.namespace);
    }

    @Override
    public SecretsClient newClient(StoreContext store) {
        validate(store);
        DopplerProvider block = store.spec().provider.doppler;
        DopplerApi api = new DopplerApi(options.baseUrl(), options);
        DopplerTokens tokens = block.auth.secretRef != null
                ? DopplerTokens.fixed(store.secretString(tokenRef(block.auth.secretRef.dopplerToken), BLOCK + ".auth.secretRef.dopplerToken"))
                : oidc(store, block.auth.oidcConfig, api);
        ConfigDownloads downloads = new ConfigDownloads(api, tokens, block.project, block.config,
                new SharedCalls(options.shareCalls(), options.shareWindow()));
        return new DopplerSecretsClient(downloads, wire(block.nameTransformer), wire(block.format),
                new DopplerPusher(api, tokens, block.project, block.config, downloads));
    }

    private DopplerTokens oidc(StoreContext store, DopplerOidcAuth oidc, DopplerApi api) {
        String namespace = store.namespaceOf(oidc.serviceAccountRef.namespace, BLOCK + ".auth.oidcConfig.serviceAccountRef");
        List<String> audiences = new ArrayList<>();
        audiences.add(api.baseUrl());
        // Binds the token to this store, as upstream, so it cannot be replayed for another.
        StoreIdentity id = store.identity();
        audiences.add(id.isCluster() ? "clusterSecretStore:" + id.name() : "secretStore:" + id.namespace() + ":" + id.name());
        if (oidc.serviceAccountRef.audiences != null) {
            oidc.serviceAccountRef.audiences.stream().filter(a -> !audiences.contains(a)).forEach(audiences::add);
        }
        long seconds = oidc.expirationSeconds == null || oidc.expirationSeconds <= 0 ? 600 : oidc.expirationSeconds;
        return DopplerTokens.oidc(api, store.kube(), namespace, oidc.serviceAccountRef.name, List.copyOf(audiences),
                seconds, oidc.identity, options.clock());
    }

    private static SecretKeySelector tokenRef(SecretKeySelector ref) {
        SecretKeySelector copy = new SecretKeySelector();
        copy.name = ref.name;
        copy.namespace = ref.namespace;
        copy.key = isBlank(ref.key) ? DEFAULT_TOKEN_KEY : ref.key;
        return copy;
    }

    /** An enum's JSON name, which is also Doppler's query value; null stays null. */
    private static String wire(Enum<?> value) {
        return value == null ? null : WIRE.convertValue(value, String.class);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
