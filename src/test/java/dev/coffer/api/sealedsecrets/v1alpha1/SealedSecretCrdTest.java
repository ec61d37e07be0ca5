package dev.coffer.api.sealedsecrets.v1alpha1;

import dev.coffer.testsupport.GeneratedCrds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

/** A Quarkus test so the build's CRD generation has run before the comparison. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class SealedSecretCrdTest {

    @Test
    void committedCrdIsTheGeneratedOne() throws Exception {
        GeneratedCrds.assertCommittedMatchesGenerated("sealedsecrets.bitnami.com-v1.yml", "bitnami.com_sealedsecrets.yaml");
    }
}
