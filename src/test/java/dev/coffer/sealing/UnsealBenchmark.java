package dev.coffer.sealing;

import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.controller.Fixtures;
import dev.coffer.sealing.keys.KeyGenerator;
import dev.coffer.sealing.keys.KeyRegistry;
import dev.coffer.sealing.keys.KeyRing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unsealed values per second with 1 and 3 RSA-4096 keys (the values sealed with the oldest key:
 * the worst case), beside the raw RSA-4096 OAEP decrypt rate of the same JVM. Prints figures;
 * asserts nothing about time. Run: ./mvnw -B -q test -Pbenchmark -Dtest=UnsealBenchmark
 */
@Tag("benchmark")
class UnsealBenchmark {

    /** Rates are per CPU-second of the measuring thread: other builds share the machine's cores. */
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    static final int SEALED_SECRETS = 20;
    static final int VALUES_EACH = 10;

    @Test
    void unsealRateAgainstRawRsa() throws Exception {
        List<SealingKey> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(KeyGenerator.generate(4096, KeyGenerator.DEFAULT_VALIDITY,
                    Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofDays(30L * i)), new SecureRandom()));
        }
        SealingKey oldest = keys.get(0);

        List<SealedSecret> batch = batch(oldest);
        // The CPU is shared: three rounds (the first also warms the JIT up); the best of each is reported.
        double raw = 0;
        Measure[] best = new Measure[4];
        for (int round = 0; round < 3; round++) {
            raw = Math.max(raw, rawRsaRate(oldest));
            Measure[] now = {null, null, null, null};
            measure(List.of(oldest), batch, now, 0);
            measure(keys, batch, now, 2);
            for (int i = 0; i < 4; i++) {
                best[i] = best[i] == null || now[i].valuesPerSecond() > best[i].valuesPerSecond() ? now[i] : best[i];
            }
        }
        System.out.printf("raw RSA-4096 OAEP decrypt (same JVM): %.1f ops/s (per CPU-second)%n", raw);
        String[] labels = {"1 key,  first unseal of each SealedSecret", "1 key,  later unseals (key remembered)  ",
                "3 keys, first unseal of each SealedSecret", "3 keys, later unseals (key remembered)  "};
        for (int i = 0; i < 4; i++) {
            System.out.printf("%s: %.1f values/s (per CPU-second), %.2f RSA ops/value, %.0f%% of the raw RSA rate%n",
                    labels[i], best[i].valuesPerSecond(), best[i].rsaPerValue(), 100 * best[i].valuesPerSecond() / raw);
        }
    }

    /** A fresh registry (nothing remembered), one pass over the batch, then a second pass. */
    private static void measure(List<SealingKey> held, List<SealedSecret> batch, Measure[] into, int at) throws SealingException {
        KeyRegistry registry = new KeyRegistry(new SimpleMeterRegistry());
        registry.replace(new KeyRing(held));
        into[at] = unsealAll(registry, batch);
        into[at + 1] = unsealAll(registry, batch);
    }

    private static List<SealedSecret> batch(SealingKey key) {
        List<SealedSecret> batch = new ArrayList<>();
        for (int s = 0; s < SEALED_SECRETS; s++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int v = 0; v < VALUES_EACH; v++) {
                values.put("key" + v, "value-" + s + "-" + v);
            }
            batch.add(Fixtures.sealed(key.publicKey(), "bench", "secret-" + s, Scope.STRICT, values));
        }
        return batch;
    }

    private static Measure unsealAll(KeyRegistry registry, List<SealedSecret> batch) throws SealingException {
        long start = CPU.getCurrentThreadCpuTime();
        int values = 0;
        int rsa = 0;
        for (SealedSecret s : batch) {
            SealedSecretUnsealer.Unsealed u = registry.unseal(s);
            values += u.values().size();
            rsa += u.rsaOperations();
        }
        double seconds = (CPU.getCurrentThreadCpuTime() - start) / 1e9;
        return new Measure(values / seconds, (double) rsa / values);
    }

    private static double rawRsaRate(SealingKey key) throws SealingException {
        byte[] label = "bench/raw".getBytes();
        HybridCipher.Parts parts = HybridCipher.split(Base64.getDecoder().decode(
                new SealedSecretSealer(key.publicKey(), new SecureRandom()).sealValue(Scope.STRICT, "bench", "raw", new byte[16])));
        for (int i = 0; i < 50; i++) {
            HybridCipher.openSessionKey(key.privateKey(), label, parts).orElseThrow();
        }
        int n = SEALED_SECRETS * VALUES_EACH;
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            HybridCipher.openSessionKey(key.privateKey(), label, parts).orElseThrow();
        }
        return n / ((CPU.getCurrentThreadCpuTime() - start) / 1e9);
    }

    record Measure(double valuesPerSecond, double rsaPerValue) {
    }
}
