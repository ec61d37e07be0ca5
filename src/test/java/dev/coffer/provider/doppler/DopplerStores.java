package dev.coffer.provider.doppler;

import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.MutableClock;
import dev.coffer.testsupport.StoreFixtures;
import dev.coffer.testsupport.doppler.FakeDoppler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.Map;

/** A fake Doppler, the provider pointed at it, and store manifests as users write them. */
final class DopplerStores implements AutoCloseable {

    static final String SERVICE_TOKEN = "dp.st.prd.canary-token-Qw7";
    static final String PERSONAL_TOKEN = "dp.pt.personal-Lm3";

    final FakeDoppler doppler = new FakeDoppler();
    final MutableClock clock = new MutableClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final InMemoryKube kube = new InMemoryKube();

    DopplerStores() {
        doppler.serviceToken(SERVICE_TOKEN, "backend", "prd").personalToken(PERSONAL_TOKEN);
        kube.secret("apps", "doppler-token", Map.of("dopplerToken", SERVICE_TOKEN, "personal", PERSONAL_TOKEN));
    }

    DopplerOptions options(Duration shareWindow) {
        return DopplerOptions.defaults()
                .withSettings(name -> DopplerOptions.BASE_URL.equals(name) ? doppler.baseUrl() : null)
                .withSharing(true, shareWindow).withClock(clock).withMeters(meters).withTimeout(Duration.ofSeconds(2));
    }

    DopplerProviderImpl provider(Duration shareWindow) {
        return new DopplerProviderImpl(options(shareWindow));
    }

    /** A SecretStore apps/doppler with this provider block body (indented under {@code doppler:}). */
    static String store(String block) {
        return """
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: doppler, namespace: apps}
                spec:
                  provider:
                    doppler:
                """ + block.indent(6);
    }

    StoreContext context(String block) {
        return StoreFixtures.context(store(block), kube);
    }

    SecretsClient client(String block, Duration shareWindow) {
        return provider(shareWindow).newClient(context(block));
    }

    /** A store with the service token (its key defaulted) and this extra YAML. */
    SecretsClient serviceTokenClient(String extra, Duration shareWindow) {
        return client("auth:\n  secretRef:\n    dopplerToken: {name: doppler-token}\n" + extra, shareWindow);
    }

    @Override
    public void close() {
        doppler.close();
    }
}
