package dev.coffer.faults;

import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.aws.AwsProviderImpl;
import dev.coffer.provider.vault.VaultProviderImpl;
import dev.coffer.provider.webhook.WebhookProviderImpl;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LogCapture;
import dev.coffer.testsupport.Manifests;
import dev.coffer.testsupport.aws.AwsTestStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import dev.coffer.testsupport.webhook.FakeWebhook;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import static dev.coffer.testsupport.TestResources.secret;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Providers misbehave while Coffer syncs from them: outages, timeouts, throttling, malformed and
 * truncated answers, for the webhook provider (any answer can be served), AWS (its wire-level
 * fake) and Vault (its fake). For each fault: a forced sync fails with a clear message, the
 * synced Secret is never emptied or deleted, no stack trace and no secret value reaches events,
 * status or the log, and the ExternalSecret is Ready again within one backoff of the recovery.
 */
class ProviderFaultTest extends FaultSuite {

    /** The synced value; it must not appear in any message, even when an answer is malformed around it. */
    private static final String VALUE = "s3cr3t-canary-value-7Q";

    /** How the fake webhook answers now. */
    private enum Hook { OK, OUTAGE, THROTTLED, MALFORMED, TRUNCATED, HANGING }

    @Test
    void webhook() {
        var mode = new java.util.concurrent.atomic.AtomicReference<>(Hook.OK);
        var release = new java.util.concurrent.atomic.AtomicReference<>(new CountDownLatch(1));
        try (FakeWebhook hook = new FakeWebhook()) {
            hook.answer(r -> switch (mode.get()) {
                case OK -> FakeWebhook.Answer.json("{\"value\":\"" + VALUE + "\"}");
                case OUTAGE -> new FakeWebhook.Answer(503, "text/plain", "upstream down");
                case THROTTLED -> new FakeWebhook.Answer(429, "text/plain", "slow down");
                case MALFORMED -> FakeWebhook.Answer.json("{value: " + VALUE + ",,}");
                case TRUNCATED -> FakeWebhook.Answer.json("{\"value\":\"" + VALUE.substring(0, 12));
                case HANGING -> {
                    awaitQuietly(release.get()); // the fault itself: an answer that never comes in time
                    yield FakeWebhook.Answer.json("{\"value\":\"" + VALUE + "\"}");
                }
            });
            syncedFrom(WebhookProviderImpl::new, """
                    webhook:
                      url: "%s/secrets/{{ .remoteRef.key }}"
                      timeout: 1s
                      result: {jsonPath: "$.value"}
                    """.formatted(hook.baseUrl()), "remoteRef: {key: app}");
            for (Hook fault : List.of(Hook.OUTAGE, Hook.THROTTLED, Hook.MALFORMED, Hook.TRUNCATED, Hook.HANGING)) {
                faultThenRecovery(fault.name(), () -> {
                    release.set(new CountDownLatch(1));
                    mode.set(fault);
                }, () -> {
                    mode.set(Hook.OK);
                    release.get().countDown();
                });
            }
        }
    }

    @Test
    void aws() {
        try (AwsTestStores stores = new AwsTestStores()) {
            stores.aws.secretsManager().put("app", VALUE);
            admin.secrets().inNamespace(NS).resource(secret(NS, "aws-creds", Map.of("access-key", AwsTestStores.ACCESS_KEY_ID,
                    "secret-key", "static-secret-key"))).create();
            syncedFrom(() -> new AwsProviderImpl(stores.options()), """
                    aws:
                      service: SecretsManager
                      region: eu-west-1
                      auth:
                        secretRef:
                          accessKeyIDSecretRef: {name: aws-creds, key: access-key}
                          secretAccessKeySecretRef: {name: aws-creds, key: secret-key}
                    """, "remoteRef: {key: app}");
            faultThenRecovery("outage", () -> stores.aws.fail("GetSecretValue", -1, 500, "InternalServiceError", "down"),
                    stores.aws::clearFaults);
            faultThenRecovery("throttling", () -> stores.aws.fail("GetSecretValue", -1, 400, "ThrottlingException", "Rate exceeded"),
                    stores.aws::clearFaults);
        }
    }

    @Test
    void vault() {
        try (VaultTestServer vault = VaultTestServer.start(Clock.systemUTC())) {
            vault.mount("secret", 2).put("secret", "app", Map.of("value", VALUE)).token("vault-root", 3600, true);
            admin.secrets().inNamespace(NS).resource(secret(NS, "vault-token", Map.of("token", "vault-root"))).create();
            syncedFrom(VaultProviderImpl::new, """
                    vault:
                      server: "%s"
                      path: secret
                      version: v2
                      auth:
                        tokenSecretRef: {name: vault-token, key: token}
                    """.formatted(vault.url()), "remoteRef: {key: app, property: value}");
            faultThenRecovery("sealed", () -> vault.sealed(true), () -> vault.sealed(false));
        }
    }

    /** A store of {@code providerYaml}, an ExternalSecret reading {@code remoteRefYaml} into key "value", synced once. */
    private void syncedFrom(Supplier<dev.coffer.provider.Provider> provider, String providerYaml, String remoteRefYaml) {
        admin.resource((HasMetadata) Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: SecretStore
                metadata: {name: store, namespace: %s}
                spec:
                  provider:
                %s""".formatted(NS, providerYaml.indent(4)), dev.coffer.api.externalsecrets.v1.SecretStore.class)).create();
        admin.resource((HasMetadata) Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: %s, namespace: %s}
                spec:
                  refreshInterval: 1h
                  secretStoreRef: {name: store, kind: SecretStore}
                  data:
                  - secretKey: value
                    %s
                """.formatted(ES, NS, remoteRefYaml), dev.coffer.api.externalsecrets.v1.ExternalSecret.class)).create();
        coffer = new CofferUnderFault(admin.getConfiguration(), () -> new ProviderRegistry(List.of(provider.get()))).start();
        Await.synced(admin, NS, ES);
        assertThat(value()).isEqualTo(VALUE);
        log = LogCapture.start();
    }

    /** The fault on: forced syncs fail, the Secret stays; the fault off: Ready within one backoff. */
    private void faultThenRecovery(String fault, Runnable on, Runnable off) {
        try (SecretHistory history = new SecretHistory(admin, NS, ES)) {
            on.run();
            forceSyncsUntilNotReady();
            assertThat(value()).as("the synced Secret during fault %s", fault).isEqualTo(VALUE);
            Instant healed = Instant.now();
            off.run();
            Duration oneBackoff = oneBackoff();
            Await.await().atMost(oneBackoff).until(() -> ready().map(c -> "True".equals(c.status)).orElse(false));
            assertThat(Duration.between(healed, Instant.now())).as("recovery from %s", fault).isLessThan(oneBackoff);
            assertThat(value()).isEqualTo(VALUE);
            history.assertNeverEmptiedOrDeleted("value");
        }
        UserFacing.assertNoStackTrace(admin, NS, ES, log, "dev.coffer");
        UserFacing.assertNoValue(admin, NS, ES, log, VALUE);
    }

    /** Values fetched a moment ago may still be shared (AWS), so syncs are forced until one fails. */
    private void forceSyncsUntilNotReady() {
        java.util.concurrent.atomic.AtomicInteger bump = new java.util.concurrent.atomic.AtomicInteger();
        Await.await().until(() -> {
            admin.resources(dev.coffer.api.externalsecrets.v1.ExternalSecret.class).inNamespace(NS).withName(ES).patch(
                    io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                    "{\"metadata\":{\"annotations\":{\"force-sync\":\"fault-" + bump.incrementAndGet() + "\"}}}");
            return ready().map(c -> "False".equals(c.status)).orElse(false);
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
