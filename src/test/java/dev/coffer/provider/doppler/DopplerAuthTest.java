package dev.coffer.provider.doppler;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.doppler.FakeDoppler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OIDC through TokenRequest and /v3/auth/oidc, the credential cache key, and the store checks. */
class DopplerAuthTest {

    private static final String OIDC = """
            auth:
              oidcConfig:
                identity: 0b7c-identity
                serviceAccountRef: {name: doppler-reader, audiences: [extra-aud]}
                expirationSeconds: 900
            project: web
            config: prd
            """;

    private final DopplerStores stores = new DopplerStores();
    private final FakeDoppler doppler = stores.doppler;

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void oidcPostsTheServiceAccountTokenAndUsesTheIssuedTokenUntilShortlyBeforeItExpires() {
        doppler.secret("web", "prd", "K", "v");
        doppler.oidc("0b7c-identity", InMemoryKube.tokenFor("apps", "doppler-reader"),
                () -> stores.clock.instant().plus(Duration.ofMinutes(10)));
        SecretsClient client = stores.client(OIDC, Duration.ZERO);

        assertThat(utf8(client.getSecret(ref("K")))).isEqualTo("v");
        InMemoryKube.TokenRequest tokenRequest = stores.kube.tokenRequests().get(0);
        assertThat(tokenRequest.namespace()).isEqualTo("apps");
        assertThat(tokenRequest.name()).isEqualTo("doppler-reader");
        assertThat(tokenRequest.expirationSeconds()).isEqualTo(900);
        assertThat(tokenRequest.audiences()).containsExactly(doppler.baseUrl(), "secretStore:apps:doppler", "extra-aud");
        assertThat(doppler.count("/v3/auth/oidc")).isEqualTo(1);
        FakeDoppler.Request download = doppler.requests().get(1);
        assertThat(download.user()).isEqualTo("dp.oidc.1");

        stores.clock.advance(Duration.ofMinutes(8));
        client.getSecret(ref("K"));
        assertThat(doppler.count("/v3/auth/oidc")).as("still 2 minutes left").isEqualTo(1);
        stores.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        client.getSecret(ref("K"));
        assertThat(doppler.count("/v3/auth/oidc")).as("renewed inside the last minute").isEqualTo(2);
        assertThat(doppler.requests().get(doppler.requests().size() - 1).user()).isEqualTo("dp.oidc.2");
    }

    @Test
    void aRejectedOidcLoginIsAccessDeniedWithoutTheServiceAccountToken() {
        doppler.oidc("other-identity", "x", () -> stores.clock.instant().plusSeconds(600));
        SecretsClient client = stores.client(OIDC, Duration.ZERO);
        assertThatThrownBy(() -> client.getSecret(ref("K"))).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
            assertThat(e.getMessage()).contains("0b7c-identity").contains("401")
                    .doesNotContain(InMemoryKube.tokenFor("apps", "doppler-reader"));
        });
    }

    @Test
    void aClusterStoreAudienceNamesTheClusterStoreAndResolvesTheServiceAccountInTheConsumerNamespace() {
        doppler.secret("web", "prd", "K", "v");
        doppler.oidc("0b7c-identity", InMemoryKube.tokenFor("team-a", "doppler-reader"),
                () -> stores.clock.instant().plusSeconds(600));
        DopplerProviderImpl provider = stores.provider(Duration.ZERO);
        var ctx = StoreFixtures.context("""
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata: {name: shared}
                spec:
                  provider:
                    doppler:
                """ + OIDC.indent(6), stores.kube, "team-a");
        assertThat(provider.clientPerConsumerNamespace(ctx)).isTrue();
        assertThat(utf8(provider.newClient(ctx).getSecret(ref("K")))).isEqualTo("v");
        assertThat(stores.kube.tokenRequests().get(0).audiences()).contains("clusterSecretStore:shared");
        assertThat(stores.kube.tokenRequests().get(0).namespace()).isEqualTo("team-a");
    }

    @Test
    void theTokenSecretIsACredentialRefWithUpstreamsDefaultKey() {
        DopplerProviderImpl provider = stores.provider(Duration.ZERO);
        var refs = provider.credentialRefs(stores.context("auth:\n  secretRef:\n    dopplerToken: {name: doppler-token}\n"));
        assertThat(refs).singleElement().satisfies(r -> {
            assertThat(r.name).isEqualTo("doppler-token");
            assertThat(r.key).isEqualTo("dopplerToken");
        });
        assertThat(provider.credentialRefs(stores.context(OIDC))).isEmpty();
    }

    @Test
    void invalidBlocksAreRefusedWithOneClearLine() {
        DopplerProviderImpl provider = stores.provider(Duration.ZERO);
        List<String[]> cases = List.of(
                new String[]{"project: x\nauth: {}\n", "exactly one of secretRef and oidcConfig"},
                new String[]{"auth:\n  secretRef:\n    dopplerToken: {name: t}\n  oidcConfig: {identity: i, serviceAccountRef: {name: s}}\n",
                        "exactly one of secretRef and oidcConfig"},
                new String[]{"auth:\n  oidcConfig: {serviceAccountRef: {name: s}}\n", "oidcConfig.identity is required"},
                new String[]{"auth:\n  oidcConfig: {identity: i, serviceAccountRef: {name: s, namespace: other}}\n",
                        "may only reference Secrets in its own namespace"},
                new String[]{"auth:\n  secretRef:\n    dopplerToken: {key: k}\n", "dopplerToken.name is required"},
                new String[]{"auth:\n  secretRef:\n    dopplerToken: {name: t, namespace: other}\n", "its own namespace"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> provider.validate(stores.context(c[0]))).as(c[0])
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG);
                        assertThat(e.getMessage()).contains(c[1]).doesNotContain("\n");
                    });
        }
    }

    @Test
    void aBaseUrlWithoutSchemeGetsHttpsAndOneWithoutHostIsRefused() {
        DopplerOptions noScheme = stores.options(Duration.ZERO).withSettings(n -> "doppler.internal.example/");
        assertThat(noScheme.baseUrl()).isEqualTo("https://doppler.internal.example");
        DopplerOptions unset = stores.options(Duration.ZERO).withSettings(n -> null);
        assertThat(unset.baseUrl()).isEqualTo("https://api.doppler.com");
        DopplerOptions broken = stores.options(Duration.ZERO).withSettings(n -> "https://:8443");
        assertThatThrownBy(broken::baseUrl).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_CONFIG));
    }
}
