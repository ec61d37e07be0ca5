package dev.coffer.inject.webhook;

import dev.coffer.config.Leadership;
import dev.coffer.inject.AdmissionResponder;
import dev.coffer.inject.AgentSettings;
import dev.coffer.audit.AuditTrail;
import dev.coffer.inject.render.ApiServerTokenReviewer;
import dev.coffer.inject.render.RenderHandler;
import dev.coffer.inject.render.RenderService;
import dev.coffer.inject.render.StoreFileRenderer;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.InjectMetrics;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.SharedReads;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ControllerClass;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.sync.SecretTemplater;
import io.micrometer.core.instrument.MeterRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Pod injection webhook in the operator when {@code coffer.inject.enabled} is true: the
 * HTTPS listener, and the {@link CertificateKeeper} every {@code coffer.inject.cert.check-interval}
 * (every few seconds until a key is served). Pods of the operator's namespace and kube-system are
 * never mutated, whatever the MutatingWebhookConfiguration's selectors say. The same listener
 * serves the render endpoint that agents of {@code coffer.dev/inject} pods call.
 */
@ApplicationScoped
public class InjectWebhookService {

    private static final Logger LOG = Logger.getLogger(InjectWebhookService.class);
    private static final Duration FIRST_KEY_RETRY = Duration.ofSeconds(3);

    private final KubernetesClient client;
    private final Leadership leadership;
    private final InjectSettings settings;
    private final RenderService.Parts renderParts;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "coffer-inject-certs");
        t.setDaemon(true);
        return t;
    });
    private volatile WebhookServer server;
    private volatile CertificateKeeper keeper;

    public InjectWebhookService(KubernetesClient client, Leadership leadership, InjectSettings settings,
                                ProviderRegistry registry, ClientCache clients, KubeAccess kube, ControllerClass controllerClass,
                                SecretTemplater templater, AuditTrail audit, MeterRegistry meters, EventRecorder events) {
        this.client = client;
        this.leadership = leadership;
        this.settings = settings;
        InjectMetrics metrics = new InjectMetrics(meters);
        this.renderParts = new RenderService.Parts(client, new ApiServerTokenReviewer(client, settings.tokenAudience()),
                registry, clients, kube, controllerClass, new StoreFileRenderer(templater), SharedReads.fromConfig(), audit,
                metrics, events);
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.debug("pod injection is off (coffer.inject.enabled=false)");
            return;
        }
        boolean refuse = switch (settings.failurePolicy()) {
            case "Fail" -> true;
            case "Ignore" -> false;
            default -> throw new IllegalArgumentException(
                    "coffer.inject.failure-policy must be Fail or Ignore, not " + settings.failurePolicy());
        };
        String namespace = settings.namespace();
        Set<String> excluded = Set.of(namespace, "kube-system");
        String renderUrl = settings.renderUrl().orElse("https://" + settings.serviceName() + "." + namespace + ".svc"
                + RenderHandler.PATH);
        var agent = new AgentSettings(settings.agentImage(), settings.vaultAddress().orElse(""), renderUrl,
                () -> keeper == null ? "" : keeper.caBundle(), settings.tokenAudience());
        var responder = new AdmissionResponder(agent, excluded, refuse);
        try {
            server = new WebhookServer(responder, settings.host(), settings.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.countOutcomes(renderParts.metrics()::admission);
        server.route(RenderHandler.PATH, new RenderHandler(new RenderService(renderParts, excluded)));
        Optional<WebhookCertificates> managed = settings.cert().managed()
                ? Optional.of(new WebhookCertificates(dnsNames(), settings.cert().validity(),
                settings.cert().caValidity(), settings.cert().renewBefore()))
                : Optional.empty();
        keeper = new CertificateKeeper(client, namespace, settings.cert().secretName(), managed,
                new CaBundlePatcher(client, settings.webhookConfiguration()), leadership::leading,
                Clock.systemUTC(), server);
        server.start();
        LOG.infof("pod injection webhook listening on port %d (failurePolicy %s)", server.port(), settings.failurePolicy());
        scheduler.schedule(this::syncSafely, 0, TimeUnit.MILLISECONDS);
    }

    private List<String> dnsNames() {
        String svc = settings.serviceName();
        String ns = settings.namespace();
        List<String> names = new java.util.ArrayList<>(List.of(svc + "." + ns + ".svc", svc + "." + ns + ".svc.cluster.local",
                svc + "." + ns, svc));
        settings.cert().extraNames().ifPresent(names::addAll);
        return names;
    }

    private void syncSafely() {
        try {
            keeper.sync();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("injection webhook certificate: %s", oneLine(e));
        } finally {
            Duration next = keeper.serving() == null ? FIRST_KEY_RETRY : settings.cert().checkInterval();
            if (!scheduler.isShutdown()) {
                scheduler.schedule(this::syncSafely, next.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    void onStop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    /** The listener's port, or -1 when injection is off (tests). */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /** The certificate keeper, or null when injection is off (tests). */
    public CertificateKeeper keeper() {
        return keeper;
    }
}
