package dev.coffer.provider.azure;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.ProviderException.Kind;
import dev.coffer.testsupport.azure.AzureTestStores;
import org.junit.jupiter.api.Test;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Key Vault's failure answers through the real SDK (with its retries, here two, without waiting)
 * become typed errors whose messages carry neither the server's text nor a value.
 */
class AzureErrorsTest extends AzureClientTest {

    private static final String CANARY = "canary-azure-errors-do-not-leak";

    @Test
    void forbiddenIsAccessDeniedAndNotRetried() {
        t.vault.putSecret("s", "v");
        t.vault.errorMessage(CANARY);
        t.vault.failNext("GetSecret", 403);
        client = t.client();

        assertFails(Kind.ACCESS_DENIED, "GetSecret for secret \"s\" was denied (HTTP 403)");
        assertThat(t.vault.count("GetSecret")).isEqualTo(1);
    }

    @Test
    void throttlingWithRetryAfterIsRetriedAndThenThrottled() {
        t.vault.putSecret("s", "v");
        t.vault.errorMessage(CANARY);
        t.vault.failNext("GetSecret", 429, 429);
        client = t.client();

        assertThat(utf8(client.getSecret(ref("s")))).as("the SDK retried after Retry-After").isEqualTo("v");
        assertThat(t.vault.count("GetSecret")).isEqualTo(3);

        t.vault.putSecret("t", "v");
        t.vault.failNext("GetSecret", 429, 429, 429);
        assertThatThrownBy(() -> client.getSecret(ref("t")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
                    assertThat(e.getMessage()).contains("(HTTP 429)").doesNotContain(CANARY);
                });
    }

    @Test
    void serverErrorsAreRetriedThenUnavailable() {
        t.vault.putSecret("s", "v");
        t.vault.errorMessage(CANARY);
        t.vault.failNext("GetSecret", 503, 500, 502);
        client = t.client();

        assertFails(Kind.UNAVAILABLE, "GetSecret for secret \"s\" failed on the Azure side (HTTP 502)");
        assertThat(t.vault.count("GetSecret")).as("one call and two retries").isEqualTo(3);
        assertThat(utf8(client.getSecret(ref("s")))).as("a failure is not kept").isEqualTo("v");
    }

    @Test
    void rejectedCredentialsAreAccessDenied() {
        t.vault.putSecret("s", "v");
        t.kube.secret(AzureTestStores.NAMESPACE, "azure-creds", java.util.Map.of("client-id", AzureTestStores.CLIENT_ID,
                "client-secret", "wrong-" + CANARY));
        client = t.client();

        assertThatThrownBy(() -> client.getSecret(ref("s")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
                    assertThat(e.getMessage()).contains("Entra ID refused the store's credentials").doesNotContain(CANARY);
                });
        assertThatThrownBy(client::validate).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED));
        assertThat(t.vault.count("GetSecret")).as("no token, no read").isZero();
    }

    @Test
    void anUnreachableVaultIsUnavailable() {
        client = new AzureProviderImpl(t.options()).newClient(t.store(t.storeManifest(AzureTestStores.SP_AUTH)
                .replace("vaultUrl: " + t.vault.url(), "vaultUrl: https://127.0.0.1:1")));
        assertThatThrownBy(() -> client.getSecret(ref("s")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    }

    private void assertFails(Kind kind, String message) {
        assertThatThrownBy(() -> client.getSecret(ref("s")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).startsWith(message).doesNotContain(CANARY);
                });
    }
}
