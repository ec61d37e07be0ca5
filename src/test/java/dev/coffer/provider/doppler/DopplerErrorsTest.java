package dev.coffer.provider.doppler;

import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import dev.coffer.testsupport.doppler.FakeDoppler;
import dev.coffer.testsupport.doppler.FakeDoppler.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.coffer.testsupport.RemoteRefs.ref;
import static dev.coffer.testsupport.RemoteRefs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every failure is typed, names the config, carries Doppler's messages at most, and never a value or token. */
class DopplerErrorsTest {

    private static final String CANARY = "canary-doppler-Jd5-do-not-leak";

    private final DopplerStores stores = new DopplerStores();
    private final FakeDoppler doppler = stores.doppler;

    @AfterEach
    void close() {
        stores.close();
    }

    private ProviderException failure(SecretsClient client) {
        try {
            client.getSecret(ref("K"));
        } catch (ProviderException e) {
            assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain(DopplerStores.SERVICE_TOKEN);
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void statusCodesMapToKinds() {
        doppler.secret("backend", "prd", "K", CANARY);
        SecretsClient client = stores.serviceTokenClient("", Duration.ZERO);
        doppler.failNext(Answer.dopplerError(401, "Invalid Service token"));
        ProviderException denied = failure(client);
        assertThat(denied.kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
        assertThat(denied.getMessage()).contains("HTTP 401").contains("Invalid Service token");

        doppler.failNext(Answer.dopplerError(404, "Could not find requested config"));
        assertThat(failure(client).kind()).as("a missing config is no missing secret").isEqualTo(ProviderException.Kind.INVALID_CONFIG);

        doppler.failNext(new Answer(502, Map.of(), "<html>proxy says " + CANARY + "</html>", "text/html"));
        ProviderException bad = failure(client);
        assertThat(bad.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
        assertThat(bad.getMessage()).contains("HTTP 502");

        doppler.failNext(new Answer(200, Map.of(), "not json " + CANARY, "application/json"));
        assertThat(failure(client).kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);

        assertThat(utf8(client.getSecret(ref("K")))).as("works again after the failures").isEqualTo(CANARY);
    }

    @Test
    void aWrongTokenForTheConfigIsAccessDenied() {
        doppler.secret("other", "prd", "K", "v");
        SecretsClient client = stores.serviceTokenClient("project: other\nconfig: prd\n", Duration.ZERO);
        assertThat(failure(client).kind()).isEqualTo(ProviderException.Kind.ACCESS_DENIED);
    }

    @Test
    void a429ClosesTheGateUntilRetryAfterWithAClearThrottledMessage() {
        doppler.secret("backend", "prd", "K", "v");
        SecretsClient client = stores.serviceTokenClient("", Duration.ZERO);
        doppler.failNext(new Answer(429, Map.of("Retry-After", "30", "X-RateLimit-Limit", "240"),
                "{\"messages\":[\"Rate limit exceeded\"]}", "application/json"));
        ProviderException throttled = failure(client);
        assertThat(throttled.kind()).isEqualTo(ProviderException.Kind.THROTTLED);
        assertThat(throttled.getMessage()).contains("rate limit").contains("429").contains("240")
                .contains(stores.clock.instant().plusSeconds(30).toString());
        assertThat(doppler.requests()).hasSize(1);

        stores.clock.advance(Duration.ofSeconds(29));
        assertThat(failure(client).kind()).isEqualTo(ProviderException.Kind.THROTTLED);
        assertThat(doppler.requests()).as("no request while the limit is exhausted").hasSize(1);

        stores.clock.advance(Duration.ofSeconds(2));
        assertThat(utf8(client.getSecret(ref("K")))).isEqualTo("v");
        assertThat(doppler.requests()).hasSize(2);
    }

    @Test
    void aRemainingOfZeroWaitsForTheReset() {
        doppler.secret("backend", "prd", "K", "v");
        long reset = stores.clock.instant().plusSeconds(45).getEpochSecond();
        doppler.rateLimit(0, reset);
        SecretsClient client = stores.serviceTokenClient("", Duration.ZERO);
        assertThat(utf8(client.getSecret(ref("K")))).as("the answer that spends the last request still counts").isEqualTo("v");
        ProviderException e = failure(client);
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.THROTTLED);
        assertThat(e.getMessage()).contains("no request sent");
        assertThat(doppler.requests()).hasSize(1);
        doppler.rateLimit(239, reset + 60);
        stores.clock.advance(Duration.ofSeconds(46));
        assertThat(utf8(client.getSecret(ref("K")))).isEqualTo("v");
    }

    @Test
    void anUnreachableServerIsUnavailableNamingTheUrl() {
        String url = doppler.baseUrl();
        doppler.close();
        ProviderException e = failure(stores.serviceTokenClient("", Duration.ZERO));
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains(url);
    }
}
