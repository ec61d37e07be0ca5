package dev.coffer.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ESO's documentation snippets for azurekv and gcpsm (src/test/resources/snippets, see its
 * README) are accepted: each passes Coffer's CRD schemas and binds to the API classes, and each
 * store passes its provider's validation, except the one that sets a client secret and a client
 * certificate together, which upstream's client refuses as well. ESO's own PushSecret and
 * ClusterExternalSecret snippets ({@code src/test/resources/eso-snippets}) pass the CRDs field
 * for field. The doppler and webhook store manifests of ESO's documentation
 * ({@code src/test/resources/upstream-snippets}): those upstream's CRDs accept pass Coffer's CRD
 * schemas and the provider's checks; the one they refuse (a {@code host} field newer than the
 * CRDs Coffer follows) is refused here too, and NTLM passes the schema but the provider says
 * clearly that Coffer does not speak it.
 */
class UpstreamSnippetsTest {

    private static final Path SNIPPETS = Path.of("src/test/resources/snippets");
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Map<String, String> REFUSED_BY_PROVIDER = Map.of("azkv-secret-store.yaml",
            "exactly one of authSecretRef.clientSecret and authSecretRef.clientCertificate");

    @Test
    void everySnippetIsAccepted() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SNIPPETS)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> stores = new ArrayList<>();
        int externalSecrets = 0;
        for (Path f : files) {
            for (ObjectNode doc : CofferChart.parse(Files.readString(f))) {
                if (doc.path("apiVersion").asText().startsWith("external-secrets.io/")) {
                    doc.put("apiVersion", "external-secrets.io/v1");
                }
                ManifestSchemaTest.assertValid(doc);
                String kind = doc.path("kind").asText();
                if (kind.endsWith("SecretStore")) {
                    checkStore(f, doc);
                    stores.add(f.getFileName().toString());
                } else if (kind.equals("ExternalSecret")) {
                    assertThat(YAML.convertValue(doc, ExternalSecret.class).getSpec()).as(f.toString()).isNotNull();
                    externalSecrets++;
                }
            }
        }
        assertThat(stores).hasSize(7);
        assertThat(externalSecrets).isEqualTo(8);
    }

    private static void checkStore(Path file, ObjectNode doc) {
        if (!doc.with("metadata").has("namespace") && doc.path("kind").asText().equals("SecretStore")) {
            doc.with("metadata").put("namespace", "default");
        }
        StoreContext store = StoreFixtures.context(YAML.asYaml(doc), new InMemoryKube(), "default");
        var provider = ProviderRegistry.standard().forBlock(store.spec().provider);
        String refused = REFUSED_BY_PROVIDER.get(file.getFileName().toString());
        if (refused == null) {
            provider.validate(store);
        } else {
            assertThatThrownBy(() -> provider.validate(store)).isInstanceOf(ProviderException.class).hasMessageContaining(refused);
        }
    }

    /**
     * Refused by upstream's own CRDs too: the snippet shows both sources of {@code selector}, one
     * as the alternative of the other, where the CRD allows exactly one (maxProperties 1).
     */
    private static final Map<String, String> ESO_SNIPPETS_REFUSED_UPSTREAM = Map.of(
            "full-pushsecret.yaml", "$.spec.selector: must have at most 1 properties");

    @Test
    void everyEsoSnippetIsAcceptedByTheCrds() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("src", "test", "resources", "eso-snippets"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int pushOrFanout = 0;
        for (Path f : files) {
            for (ObjectNode doc : CofferChart.parse(Files.readString(f))) {
                String refused = ESO_SNIPPETS_REFUSED_UPSTREAM.get(f.getFileName().toString());
                if (refused != null) {
                    assertThat(ManifestSchemaTest.CRDS.validate(doc)).as(f.toString())
                            .anySatisfy(v -> assertThat(v.getMessage()).contains(refused));
                } else {
                    ManifestSchemaTest.assertValid(doc);
                }
                String kind = doc.path("kind").asText();
                pushOrFanout += kind.equals("PushSecret") || kind.equals("ClusterExternalSecret") ? 1 : 0;
            }
        }
        assertThat(pushOrFanout).as("PushSecrets and ClusterExternalSecrets among the snippets").isEqualTo(7);
    }

    private static final Path DOPPLER_WEBHOOK = Path.of("src/test/resources/upstream-snippets");
    /** Refused by upstream's reference CRDs: the field they do not know. */
    private static final Map<String, String> REFUSED_UPSTREAM = Map.of("doppler-custom-host-secret-store.yaml", "host");
    /** Accepted by the schema, refused by Coffer's provider with this message. */
    private static final Map<String, String> NOT_SUPPORTED = Map.of("webhook-ntlm-secret-store.yaml", "ntlm is not supported");

    @Test
    void everySnippetUpstreamAcceptsIsAccepted() throws IOException {
        List<String> accepted = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOPPLER_WEBHOOK)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String name = f.getFileName().toString();
                String yaml = Files.readString(f);
                for (ObjectNode doc : CofferChart.parse(yaml)) {
                    var violations = ManifestSchemaTest.CRDS.validate(doc);
                    if (REFUSED_UPSTREAM.containsKey(name)) {
                        assertThat(violations).as(name).isNotEmpty()
                                .anySatisfy(v -> assertThat(v.getMessage()).contains(REFUSED_UPSTREAM.get(name)));
                        continue;
                    }
                    assertThat(violations).as(name).isEmpty();
                    if (doc.path("kind").asText().equals("SecretStore") && !doc.path("metadata").has("namespace")) {
                        // As kubectl apply -n would place it: the namespace the documentation works in.
                        ((ObjectNode) doc.get("metadata")).put("namespace", "external-secrets");
                    }
                    StoreContext store = StoreFixtures.context(doc.toString(), new InMemoryKube(), "apps");
                    Provider provider = ProviderRegistry.standard().forBlock(store.spec().provider);
                    if (NOT_SUPPORTED.containsKey(name)) {
                        assertThatThrownBy(() -> provider.validate(store)).as(name)
                                .isInstanceOf(ProviderException.class).hasMessageContaining(NOT_SUPPORTED.get(name));
                    } else {
                        assertThatCode(() -> provider.validate(store)).as(name).doesNotThrowAnyException();
                        accepted.add(name);
                    }
                }
            }
        }
        assertThat(accepted).contains("doppler-oidc-secret-store.yaml", "doppler-secrets-download-secret-store.yaml",
                "webhook-secret-store.yaml", "webhook-all-parameters-cluster-store.yaml");
    }
}
