package dev.coffer.provider.vault;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.provider.SecretsClient;
import dev.coffer.provider.SharedReads;
import dev.coffer.sync.GoTemplater;
import dev.coffer.sync.SyncEngine;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.TestResources;
import dev.coffer.testsupport.vault.VaultStores;
import dev.coffer.testsupport.vault.VaultTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static dev.coffer.testsupport.vault.VaultStores.ref;
import static org.assertj.core.api.Assertions.assertThat;

/** KV reads counted on the Vault fake, through the fetch step as the reconciler runs it. */
class VaultReadsPerSyncTest {

    private final Clock clock = Clock.systemUTC();
    private final InMemoryKube kube = new InMemoryKube().secret(VaultStores.NAMESPACE, "vault-token", Map.of("token", "root-token"));
    private final AtomicLong nanos = new AtomicLong();
    private VaultTestServer vault;
    private SecretsClient client;

    @BeforeEach
    void start() {
        vault = VaultTestServer.start(clock).mount("secret", 2).token("root-token", 0, false);
        vault.put("secret", "app/db", Map.of("user", "admin", "password", "pw", "host", "db.local"));
        var v = VaultStores.kv2(vault.url());
        v.auth.tokenSecretRef = ref("vault-token", "token");
        client = new VaultProviderImpl(clock, Path.of("/nonexistent")).newClient(VaultStores.context(v, kube));
    }

    @AfterEach
    void stop() {
        client.close();
        vault.close();
    }

    @Test
    void threeEntriesOnOneKeyReadItOnce() {
        SyncEngine engine = new SyncEngine(new GoTemplater(), new SharedReads(Duration.ZERO, nanos::get));
        Map<String, byte[]> data = engine.fetch(threeEntries("app"), ref -> client);
        assertThat(vault.kvReads()).isEqualTo(1);
        assertThat(text(data, "user")).isEqualTo("admin");
        assertThat(text(data, "password")).isEqualTo("pw");
        assertThat(text(data, "all")).isEqualTo("{\"host\":\"db.local\",\"password\":\"pw\",\"user\":\"admin\"}");
    }

    @Test
    void identicalReadsOfOtherExternalSecretsShareOneCallWithinTheWindow() {
        SyncEngine engine = new SyncEngine(new GoTemplater(), new SharedReads(Duration.ofSeconds(5), nanos::get));
        for (int i = 0; i < 10; i++) {
            engine.fetch(threeEntries("app-" + i), ref -> client);
        }
        assertThat(vault.kvReads()).isEqualTo(1);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        engine.fetch(threeEntries("later"), ref -> client);
        assertThat(vault.kvReads()).as("past the window the key is read again").isEqualTo(2);
    }

    @Test
    void aSyncTheUserAskedForReadsAfreshAndServesTheOthers() {
        SyncEngine engine = new SyncEngine(new GoTemplater(), new SharedReads(Duration.ofSeconds(5), nanos::get));
        engine.fetch(threeEntries("first"), ref -> client);
        vault.put("secret", "app/db", Map.of("user", "admin", "password", "rotated", "host", "db.local"));

        Map<String, byte[]> forced = engine.fetch(threeEntries("forced"), ref -> client, dev.coffer.generator.GeneratorSource.NONE,
                where -> { }, true);
        Map<String, byte[]> after = engine.fetch(threeEntries("other"), ref -> client);

        assertThat(vault.kvReads()).isEqualTo(2);
        assertThat(text(forced, "password")).isEqualTo("rotated");
        assertThat(text(after, "password")).isEqualTo("rotated");
    }

    private static ExternalSecret threeEntries(String name) {
        return TestResources.externalSecret("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: %s, namespace: apps}
                spec:
                  secretStoreRef: {name: vault}
                  data:
                  - secretKey: user
                    remoteRef: {key: app/db, property: user}
                  - secretKey: password
                    remoteRef: {key: app/db, property: password}
                  - secretKey: all
                    remoteRef: {key: app/db}
                """.formatted(name));
    }

    private static String text(Map<String, byte[]> data, String key) {
        return new String(data.get(key), StandardCharsets.UTF_8);
    }
}
