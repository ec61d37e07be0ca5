package dev.coffer.faults;

import dev.coffer.api.externalsecrets.v1.Condition;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.testsupport.Await;
import dev.coffer.testsupport.LogCapture;
import dev.coffer.testsupport.kubernetes.FaultyApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.Optional;

import static dev.coffer.testsupport.TestResources.decoded;

/**
 * What every fault test shares: a fault-injecting API server with namespace {@value #NS}, the
 * operator under test (started by the test), the log, and the ExternalSecret {@value #ES} whose
 * Secret is watched.
 */
abstract class FaultSuite {

    static final String NS = "apps";
    static final String ES = "app";
    /** Time to finish one reconcile on a loaded 2-core machine, on top of the backoff itself. */
    private static final Duration RECONCILE_SLACK = Duration.ofSeconds(5);

    FaultyApiServer api;
    KubernetesClient admin;
    CofferUnderFault coffer;
    LogCapture log;

    @BeforeEach
    void apiServer() {
        api = new FaultyApiServer();
        admin = api.admin();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
    }

    @AfterEach
    void stop() {
        if (log != null) {
            log.close();
        }
        if (coffer != null) {
            coffer.close();
        }
        api.close();
    }

    /** The longest retry backoff, and the time one reconcile takes under load. */
    static Duration oneBackoff() {
        return Duration.ofMillis(CofferUnderFault.BACKOFF_MAX.toMillis() * 11 / 10).plus(RECONCILE_SLACK);
    }

    Optional<Condition> ready() {
        return Await.ready(admin.resources(ExternalSecret.class).inNamespace(NS).withName(ES).get());
    }

    /** The "value" key of the synced Secret, or null when there is none. */
    String value() {
        Secret s = admin.secrets().inNamespace(NS).withName(ES).get();
        return s == null ? null : decoded(s, "value");
    }
}
