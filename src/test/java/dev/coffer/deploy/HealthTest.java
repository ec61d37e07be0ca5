package dev.coffer.deploy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The probes the chart configures answer, and readiness includes the operator's informer check. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class HealthTest {

    @TestHTTPResource("/q/health/live")
    URI live;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @TestHTTPResource("/q/health/started")
    URI started;

    @Test
    void probesAreUpAndReadinessCoversEveryController() throws Exception {
        assertThat(get(live).statusCode()).isEqualTo(200);
        assertThat(get(started).statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get(ready);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("Quarkus Operator SDK health check", "\"externalsecret\"",
                "\"secretstore\"", "\"clustersecretstore\"").doesNotContain("\"DOWN\"");
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
