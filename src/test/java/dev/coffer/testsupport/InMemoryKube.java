package dev.coffer.testsupport;

import dev.coffer.provider.KubeAccess;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one in-memory {@link KubeAccess} of the tests: the operator's side of a provider test, held
 * in maps. It serves
 * <ul>
 *   <li>Secrets and ConfigMaps by namespace/name ({@link #secret(String, String, Map)},
 *       {@link #secret(Secret)}, {@link #configMap(String, String, Map)});</li>
 *   <li>ServiceAccount annotations ({@link #serviceAccount}), and a view that cannot read them
 *       ({@link #withoutServiceAccounts()});</li>
 *   <li>TokenRequest tokens: every request is recorded ({@link #tokenRequests()}); the token is
 *       {@link #tokenFor} by default, numbered with {@link #numberedTokens()}, or whatever
 *       {@link #tokens(TokenMinter)} says; requests can be made to fail ({@link #failTokenRequests});</li>
 *   <li>an API server URL, {@value #DEFAULT_API_SERVER_URL} unless {@link #apiServerUrl(String)} sets one.</li>
 * </ul>
 * Safe to use from several threads.
 */
public final class InMemoryKube implements KubeAccess {

    public static final String DEFAULT_API_SERVER_URL = "https://kubernetes.default.svc";

    /** One TokenRequest call, as the provider made it. */
    public record TokenRequest(String namespace, String name, List<String> audiences, long expirationSeconds) {
    }

    /** Makes the token for a TokenRequest; {@code n} counts the requests of this fake from 1. */
    @FunctionalInterface
    public interface TokenMinter {
        String mint(String namespace, String name, int n);
    }

    /** The default: always {@link #tokenFor}, so a test server can accept it. */
    public static final TokenMinter FIXED_TOKENS = (namespace, name, n) -> tokenFor(namespace, name);

    /** {@code <tokenFor>-<n>}: a fresh token on every request, to see renewals. */
    public static final TokenMinter NUMBERED_TOKENS = (namespace, name, n) -> tokenFor(namespace, name) + "-" + n;

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> serviceAccounts = new ConcurrentHashMap<>();
    private final List<TokenRequest> tokenRequests = new ArrayList<>();
    private final AtomicInteger minted = new AtomicInteger();
    private volatile String apiServerUrl = DEFAULT_API_SERVER_URL;
    private volatile TokenMinter minter = FIXED_TOKENS;
    private volatile RuntimeException tokenFailure;

    /** The token this fake issues for a service account by default: {@code token-<namespace>-<name>}. */
    public static String tokenFor(String namespace, String name) {
        return "token-" + namespace + "-" + name;
    }

    // ---- building

    /** Adds (or replaces) a Secret with these string values (stored base64-encoded in {@code data}). */
    public InMemoryKube secret(String namespace, String name, Map<String, String> plain) {
        return secret(TestResources.secret(namespace, name, plain));
    }

    /** Adds (or replaces) this Secret as it is. */
    public InMemoryKube secret(Secret secret) {
        secrets.put(key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()), secret);
        return this;
    }

    public InMemoryKube configMap(String namespace, String name, Map<String, String> data) {
        configMaps.put(key(namespace, name), new ConfigMapBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).endMetadata().withData(data).build());
        return this;
    }

    /** Adds (or replaces) a ServiceAccount with these annotations. */
    public InMemoryKube serviceAccount(String namespace, String name, Map<String, String> annotations) {
        serviceAccounts.put(key(namespace, name), annotations);
        return this;
    }

    public InMemoryKube apiServerUrl(String url) {
        this.apiServerUrl = url;
        return this;
    }

    /** How later tokens are made. */
    public InMemoryKube tokens(TokenMinter minter) {
        this.minter = minter;
        return this;
    }

    /** Later tokens are {@code token-<namespace>-<name>-<n>}, n counting every request of this fake from 1. */
    public InMemoryKube numberedTokens() {
        return tokens(NUMBERED_TOKENS);
    }

    /** Makes every later token request fail with this exception (null: succeed again). Requests are still recorded. */
    public InMemoryKube failTokenRequests(RuntimeException failure) {
        this.tokenFailure = failure;
        return this;
    }

    // ---- inspecting

    /** The TokenRequest calls made so far, in order. */
    public List<TokenRequest> tokenRequests() {
        synchronized (tokenRequests) {
            return List.copyOf(tokenRequests);
        }
    }

    /** The same objects behind a KubeAccess that cannot read ServiceAccounts (as the plain seam). */
    public KubeAccess withoutServiceAccounts() {
        InMemoryKube self = this;
        return new KubeAccess() {
            @Override
            public Optional<Secret> secret(String namespace, String name) {
                return self.secret(namespace, name);
            }

            @Override
            public Optional<ConfigMap> configMap(String namespace, String name) {
                return self.configMap(namespace, name);
            }

            @Override
            public String serviceAccountToken(String namespace, String name, List<String> audiences, long seconds) {
                return self.serviceAccountToken(namespace, name, audiences, seconds);
            }

            @Override
            public String apiServerUrl() {
                return self.apiServerUrl();
            }
        };
    }

    // ---- KubeAccess

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(key(namespace, name)));
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(key(namespace, name)));
    }

    @Override
    public String serviceAccountToken(String namespace, String name, List<String> audiences, long expirationSeconds) {
        synchronized (tokenRequests) {
            tokenRequests.add(new TokenRequest(namespace, name, List.copyOf(audiences), expirationSeconds));
        }
        RuntimeException failure = tokenFailure;
        if (failure != null) {
            throw failure;
        }
        return minter.mint(namespace, name, minted.incrementAndGet());
    }

    @Override
    public Optional<Map<String, String>> serviceAccountAnnotations(String namespace, String name) {
        return Optional.ofNullable(serviceAccounts.get(key(namespace, name)));
    }

    @Override
    public String apiServerUrl() {
        return apiServerUrl;
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
