package dev.coffer.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/coffer.yaml} is the chart rendered with its defaults into {@code coffer-system},
 * without the CRDs ({@code kubectl apply -f crds/ -f deploy/} applies those from {@code crds/}),
 * after a Namespace. To refresh it: {@code ./mvnw test -Dtest=DeployDriftTest -Dcoffer.deploy.write=true}.
 */
class DeployDriftTest {

    static final Path DEPLOY = Path.of("deploy", "coffer.yaml");
    static final Map<String, Object> VALUES = Map.of("crds.install", false);

    static String expected() {
        return """
                # Coffer, rendered from helm/coffer with its default values (crds.install=false).
                # Install: kubectl apply -f crds/ -f deploy/
                # Do not edit: a test compares this file with the chart (DeployDriftTest).
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                """.formatted(CofferChart.NAMESPACE) + CofferChart.template(VALUES);
    }

    @Test
    void committedManifestsMatchTheChart() throws IOException {
        String expected = expected();
        if (Boolean.getBoolean("coffer.deploy.write")) {
            Files.writeString(DEPLOY, expected);
        }
        assertThat(DEPLOY).as("deploy/coffer.yaml").exists();
        assertThat(Files.readString(DEPLOY))
                .as("deploy/coffer.yaml drifted from helm/coffer; regenerate with -Dcoffer.deploy.write=true")
                .isEqualTo(expected);
    }

    @Test
    void chartCrdsAreTheCommittedOnes() throws IOException {
        try (var files = Files.list(Path.of("crds"))) {
            for (Path crd : files.toList()) {
                Path copy = CofferChart.CHART.resolve("files/crds").resolve(crd.getFileName());
                assertThat(copy).as("the chart's copy of %s (cp crds/*.yaml helm/coffer/files/crds/)", crd).exists();
                assertThat(Files.readString(copy)).as("%s is out of date: cp crds/*.yaml helm/coffer/files/crds/", copy)
                        .isEqualTo(Files.readString(crd));
            }
        }
        try (var a = Files.list(Path.of("crds")); var b = Files.list(CofferChart.CHART.resolve("files/crds"))) {
            assertThat(b.count()).as("helm/coffer/files/crds holds exactly crds/").isEqualTo(a.count());
        }
    }
}
