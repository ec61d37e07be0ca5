package dev.coffer.testsupport;

import dev.coffer.api.externalsecrets.v1.Condition;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicReference;

/** Waits for the operator to reach a state, against the mock API server. */
public final class Await {

    /** How long a wait may take: 20 s against the in-process mock; the peers tier (separate JVMs, a real API server) allows more. */
    private static volatile Duration patience = Duration.ofSeconds(20);

    private Await() {
    }

    public static void setPatience(Duration atMost) {
        patience = atMost;
    }

    public static ConditionFactory await() {
        return Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(100));
    }

    public static Optional<Condition> ready(ExternalSecret es) {
        if (es == null || es.getStatus() == null || es.getStatus().conditions == null) {
            return Optional.empty();
        }
        return es.getStatus().conditions.stream().filter(c -> "Ready".equals(c.type)).findFirst();
    }

    /** Waits until the ExternalSecret's Ready condition matches, and returns the ExternalSecret. */
    public static ExternalSecret externalSecret(KubernetesClient client, String ns, String name, Predicate<Condition> ready) {
        AtomicReference<ExternalSecret> last = new AtomicReference<>();
        await().untilAsserted(() -> {
            ExternalSecret es = client.resources(ExternalSecret.class).inNamespace(ns).withName(name).get();
            last.set(es);
            org.assertj.core.api.Assertions.assertThat(ready(es)).as("Ready condition of %s/%s: %s", ns, name,
                    ready(es).map(c -> c.status + " " + c.reason + " " + c.message).orElse("none")).hasValueSatisfying(c ->
                    org.assertj.core.api.Assertions.assertThat(ready.test(c)).isTrue());
        });
        return last.get();
    }

    public static ExternalSecret synced(KubernetesClient client, String ns, String name) {
        return externalSecret(client, ns, name, c -> "True".equals(c.status) && "SecretSynced".equals(c.reason));
    }

    public static ExternalSecret failing(KubernetesClient client, String ns, String name, String messagePart) {
        return externalSecret(client, ns, name, c -> "False".equals(c.status) && c.message != null && c.message.contains(messagePart));
    }

    /**
     * Forces syncs (a changing annotation) until one fails with {@code messagePart}: values a
     * provider fetched moments ago are still shared, so the first forced syncs may succeed from them.
     */
    public static void forceSyncsUntilFailing(KubernetesClient client, String ns, String name, String messagePart) {
        java.util.concurrent.atomic.AtomicInteger bump = new java.util.concurrent.atomic.AtomicInteger();
        await().untilAsserted(() -> {
            client.resources(ExternalSecret.class).inNamespace(ns).withName(name).patch(
                    io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                    "{\"metadata\":{\"annotations\":{\"force-sync\":\"" + bump.incrementAndGet() + "\"}}}");
            ExternalSecret es = client.resources(ExternalSecret.class).inNamespace(ns).withName(name).get();
            org.assertj.core.api.Assertions.assertThat(ready(es).map(c -> c.message).orElse("")).contains(messagePart);
        });
    }

    /** Waits until the Secret exists and satisfies the check. */
    public static Secret secret(KubernetesClient client, String ns, String name, Predicate<Secret> check) {
        AtomicReference<Secret> last = new AtomicReference<>();
        await().until(() -> {
            Secret s = client.secrets().inNamespace(ns).withName(name).get();
            last.set(s);
            return s != null && check.test(s);
        });
        return last.get();
    }
}
