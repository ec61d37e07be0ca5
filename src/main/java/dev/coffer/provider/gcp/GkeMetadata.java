package dev.coffer.provider.gcp;

import dev.coffer.provider.ProviderException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The GKE metadata server, asked (as upstream does) for the cluster's project, location and name
 * when a workloadIdentity block leaves them out. Only reachable from a GKE node.
 */
final class GkeMetadata {

    private static final String DEFAULT_HOST = "metadata.google.internal";

    private final String host;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    GkeMetadata(GcpOptions options) {
        String configured = options.setting(GcpOptions.METADATA_HOST);
        this.host = configured == null ? DEFAULT_HOST : configured;
    }

    String projectId() {
        return get("project/project-id", "clusterProjectID");
    }

    String instanceAttribute(String name, String field) {
        return get("instance/attributes/" + name, field);
    }

    private String get(String path, String field) {
        String unset = "spec.provider.gcpsm.auth.workloadIdentity." + field + " is not set and the GKE metadata server ";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + "/computeMetadata/v1/" + path))
                    .header("Metadata-Flavor", "Google").timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().isBlank()) {
                throw ProviderException.invalidConfig(unset + "did not provide it (HTTP " + response.statusCode() + ")");
            }
            return response.body().trim();
        } catch (IOException | IllegalArgumentException e) {
            throw ProviderException.invalidConfig(unset + "cannot be reached (" + host + "): set " + field
                    + " when Coffer does not run on GKE");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.unavailable("interrupted while asking the GKE metadata server", null);
        }
    }
}
