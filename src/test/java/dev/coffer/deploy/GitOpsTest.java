package dev.coffer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitOps snippets in {@code deploy/gitops/} point at the chart and their values render:
 * Argo CD's {@code valuesObject} and Flux's {@code values} go through {@code helm template}
 * (and so through values.schema.json), as those tools would.
 */
class GitOpsTest {

    static final Path DIR = Path.of("deploy", "gitops");

    @Test
    void argoCdApplicationRenders(@TempDir Path tmp) throws IOException {
        ObjectNode app = CofferChart.parse(Files.readString(DIR.resolve("argocd-application.yaml"))).get(0);
        assertThat(app.at("/spec/source/path").asText()).isEqualTo(CofferChart.CHART.toString().replace('\\', '/'));
        assertThat(app.at("/spec/destination/namespace").asText()).isEqualTo(CofferChart.NAMESPACE);
        assertRenders(app.at("/spec/source/helm/valuesObject"), app.at("/spec/destination/namespace").asText(), tmp);
    }

    @Test
    void fluxHelmReleaseRenders(@TempDir Path tmp) throws IOException {
        List<ObjectNode> docs = CofferChart.parse(Files.readString(DIR.resolve("flux-helmrelease.yaml")));
        ObjectNode release = CofferChart.one(docs, "HelmRelease");
        assertThat(release.at("/spec/chart/spec/chart").asText()).isEqualTo("./" + CofferChart.CHART.toString().replace('\\', '/'));
        assertThat(release.at("/spec/chart/spec/sourceRef/name").asText())
                .isEqualTo(CofferChart.one(docs, "GitRepository").at("/metadata/name").asText());
        assertRenders(release.at("/spec/values"), release.at("/metadata/namespace").asText(), tmp);
    }

    private static void assertRenders(JsonNode values, String namespace, Path tmp) throws IOException {
        assertThat(values.isObject()).as("values").isTrue();
        Path file = tmp.resolve("values.yaml");
        new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), values);
        String out = new Helm(CofferChart.CHART).template().withName("coffer").withNamespace(namespace)
                .withValuesFile(file).call();
        List<ObjectNode> rendered = CofferChart.parse(out);
        assertThat(CofferChart.one(rendered, "Deployment").at("/metadata/namespace").asText()).isEqualTo(namespace);
        rendered.forEach(ManifestSchemaTest::assertValid);
    }
}
