package dev.coffer.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.provider.Provider;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.ProviderRegistry;
import dev.coffer.provider.StoreContext;
import dev.coffer.testsupport.InMemoryKube;
import dev.coffer.testsupport.StoreFixtures;
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
 * The doppler and webhook store manifests of ESO's documentation (test data in
 * {@code src/test/resources/upstream-snippets}). Those upstream's CRDs accept pass Coffer's CRD
 * schemas and the provider's checks; the one they refuse (a {@code host} field newer than the
 * CRDs Coffer follows) is refused here too. NTLM passes the schema but the provider says clearly
 * that Coffer does not speak it.
 */
class UpstreamSnippetsTest {

    private static final Path DIR = Path.of("src/test/resources/upstream-snippets");
    /** Refused by upstream's reference CRDs: the field they do not know. */
    private static final Map<String, String> REFUSED_UPSTREAM = Map.of("doppler-custom-host-secret-store.yaml", "host");
    /** Accepted by the schema, refused by Coffer's provider with this message. */
    private static final Map<String, String> NOT_SUPPORTED = Map.of("webhook-ntlm-secret-store.yaml", "ntlm is not supported");

    @Test
    void everySnippetUpstreamAcceptsIsAccepted() throws IOException {
        List<String> accepted = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
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
