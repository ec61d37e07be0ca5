package dev.coffer.deploy;

import dev.coffer.metrics.EsoMeters;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.OperatorTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /metrics} serves, in Prometheus text, ESO's metric names exactly, JOSDK's reconcile metrics and the JVM's. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class MetricsTest extends OperatorTest {

    static final String SECRET_VALUE = "s3cret-metrics-value";

    @TestHTTPResource("/metrics")
    URI metrics;

    @Inject
    MeterRegistry registry;

    @Test
    void esoNamesAndReconcileMetricsAfterASync() throws Exception {
        String ns = newNamespace();
        fakeStoreIn(ns, Map.of("db-user", SECRET_VALUE));
        createExternalSecret(ns, "good", """
                  data:
                  - secretKey: username
                    remoteRef:
                      key: db-user
                """);
        createExternalSecret(ns, "bad", """
                  data:
                  - secretKey: username
                    remoteRef:
                      key: does-not-exist
                """);
        Await.synced(client, ns, "good");
        Await.failing(client, ns, "bad", "does-not-exist");
        // A SealedSecret that unseals and one that cannot: the Sealed Secrets controller's names.
        var key = dev.coffer.sealing.TestKeys.key(7);
        client.secrets().inNamespace("coffer-system").resource(dev.coffer.sealing.keys.KeySecrets.toSecret(key, "coffer-system")).create();
        client.resource(dev.coffer.sealing.controller.Fixtures.sealed(key.publicKey(), ns, "sealed-ok",
                dev.coffer.sealing.Scope.STRICT, Map.of("k", "v"))).create();
        client.resource(dev.coffer.sealing.controller.Fixtures.sealed(dev.coffer.sealing.TestKeys.key(8).publicKey(), ns, "sealed-bad",
                dev.coffer.sealing.Scope.STRICT, Map.of("k", "v"))).create();
        Await.await().until(() -> client.secrets().inNamespace(ns).withName("sealed-ok").get() != null);
        Await.await().until(() -> {
            var bad = client.resources(dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret.class).inNamespace(ns).withName("sealed-bad").get();
            return bad.getStatus() != null && !bad.getStatus().getConditions().isEmpty();
        });
        // ESO's per-provider call counter; the AWS provider counts through the same helper.
        EsoMeters.increment(registry, "externalsecret_provider_api_calls_count", "calls",
                Tags.of("provider", "AWS/SecretsManager", "call", "GetSecretValue", "status", "success"));

        // What Prometheus sends gets the 0.0.4 text format; no Accept header gets OpenMetrics. Both keep ESO's names.
        String text = scrape(PROMETHEUS_ACCEPT, "text/plain");
        check(text, ns);
        assertThat(dashboardMetrics()).as("every metric the Grafana dashboard queries is served").isNotEmpty()
                .allSatisfy(m -> assertThat(names(text)).contains(m));
        check(scrape(null, "application/openmetrics-text"), ns);
    }

    private static void check(String text, String ns) {
        Set<String> names = names(text);
        assertThat(names).contains(
                "externalsecret_sync_calls_total",
                "externalsecret_sync_calls_error",
                "externalsecret_status_condition",
                "externalsecret_reconcile_duration",
                "externalsecret_provider_api_calls_count");
        assertThat(names).as("no suffix Micrometer would add to ESO's names")
                .doesNotContain("externalsecret_sync_calls_error_total", "externalsecret_provider_api_calls_count_total",
                        "externalsecret_sync_calls_total_total");
        assertThat(text).containsPattern("externalsecret_sync_calls_error\\{name=\"bad\",namespace=\"" + ns + "\",?} [1-9]");
        assertThat(names).as("the Sealed Secrets controller's names").contains("sealed_secrets_controller_unseal_requests_total",
                "sealed_secrets_controller_unseal_errors_total", "sealed_secrets_controller_condition_info");
        assertThat(text).containsPattern("sealed_secrets_controller_unseal_errors_total\\{[^}]*namespace=\"" + ns + "\"[^}]*reason=\"unseal\"[^}]*} [1-9]");
        assertThat(text).containsPattern("sealed_secrets_controller_condition_info\\{[^}]*name=\"sealed-ok\"[^}]*} 1");
        assertThat(text).as("Events dropped by the queued recorders, per component")
                .containsPattern("coffer_events_dropped_total\\{component=\"coffer\",?} [0-9]")
                .containsPattern("coffer_events_dropped_total\\{component=\"sealed-secrets-controller\",?} [0-9]");
        assertThat(names).as("JVM metrics").contains("jvm_memory_used_bytes", "jvm_threads_live_threads");
        assertThat(names).as("JOSDK reconcile metrics: queue depth, duration, throughput").contains("reconciliations_queue",
                "reconciliations_active", "reconciliations_execution_duration_seconds_count", "reconciliations_started_total",
                "worker_pool_queue_size");
        assertThat(text).as("secret values never reach metrics").doesNotContain(SECRET_VALUE);
    }

    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,"
            + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    private String scrape(String accept, String expectedType) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(metrics).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith(expectedType);
        return response.body();
    }

    /** The metric names in the dashboard's PromQL expressions. */
    static Set<String> dashboardMetrics() throws IOException {
        String json = Files.readString(Path.of("deploy", "grafana", "coffer-dashboard.json"));
        Set<String> found = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("\\b((?:externalsecret|reconciliations|jvm|process)_[a-z_]+)").matcher(json);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The metric names of the sample lines. */
    static Set<String> names(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
    }
}
