package dev.coffer.sync;

import dev.coffer.generator.catalog.ShippedGenerators;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.GeneratorState;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.GeneratorLookup;
import dev.coffer.generator.GeneratorRegistry;
import dev.coffer.generator.GeneratorResolver;
import dev.coffer.generator.GeneratorSession;
import dev.coffer.generator.LeasePlanner;
import dev.coffer.generator.ResolvedGenerator;
import dev.coffer.provider.KubeAccess;
import dev.coffer.store.ClientCache;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generators in the ExternalSecret reconciler: leases recorded in status are renewed on their
 * own schedule (a sync that only maintains leases does not rotate other values), each sync gets
 * a {@link GeneratorSession}, and an ExternalSecret's leases are revoked when it is deleted.
 */
final class GeneratorSync {

    private static final Logger LOG = Logger.getLogger(GeneratorSync.class);

    private final GeneratorRegistry registry;
    private final GeneratorResolver resolver;
    private final ClientCache clients;
    private final KubeAccess kube;
    private final Clock clock;

    GeneratorSync(GeneratorRegistry registry, GeneratorLookup lookup, ClientCache clients, KubeAccess kube, Clock clock) {
        this.registry = registry;
        this.resolver = new GeneratorResolver(lookup);
        this.clients = clients;
        this.kube = kube;
        this.clock = clock;
    }

    static GeneratorSync standard(KubernetesClient client, ClientCache clients, KubeAccess kube) {
        return new GeneratorSync(ShippedGenerators.registry(), GeneratorLookup.of(client), clients, kube, Clock.systemUTC());
    }

    /** Whether a lease recorded in status needs renewing or replacing now. */
    boolean leaseDue(ExternalSecret es, Instant now) {
        return LeasePlanner.due(states(es), now);
    }

    /** The sooner of the refresh wait and the next lease action. */
    Optional<Duration> requeue(ExternalSecret es, Optional<Duration> refresh, Instant now) {
        Optional<Duration> lease = LeasePlanner.nextAction(states(es))
                .map(t -> t.isAfter(now) ? Duration.between(now, t) : Duration.ofSeconds(1));
        if (lease.isEmpty()) {
            return refresh;
        }
        return refresh.isEmpty() || lease.get().compareTo(refresh.get()) < 0 ? lease : refresh;
    }

    /**
     * @param target the live target Secret (its values are kept only if it is intact)
     * @param rotate true for a refresh, false when only leases are due
     */
    GeneratorSession session(ExternalSecret es, Secret target, boolean rotate) {
        return new GeneratorSession(registry, resolver, context(es), states(es), intactValues(target), rotate, clock);
    }

    /** Revokes the leases an ExternalSecret holds; failures are logged (the leases then run out at their TTL). */
    void revokeLeases(ExternalSecret es) {
        for (GeneratorState s : states(es)) {
            if (s == null || s.lease == null || s.lease.id == null) {
                continue;
            }
            String ns = es.getMetadata().getNamespace();
            try {
                ResolvedGenerator g = resolver.resolve(GeneratorResolver.refOf(s.kind, s.name), ns);
                registry.forKind(g.kind()).revoke(g, context(es), s.lease.id);
                LOG.infof("revoked the lease of %s for deleted ExternalSecret %s/%s", g.describe(ns), ns, es.getMetadata().getName());
            } catch (RuntimeException e) {
                LOG.warnf("could not revoke the lease of %s %s for deleted ExternalSecret %s/%s; it runs out at its TTL: %s",
                        s.kind, s.name, ns, es.getMetadata().getName(), SyncFailure.of(e).message());
            }
        }
    }

    private GeneratorContext context(ExternalSecret es) {
        return new GeneratorContext(es.getMetadata().getNamespace(), kube, clients);
    }

    private static List<GeneratorState> states(ExternalSecret es) {
        return es.getStatus() == null || es.getStatus().generatorState == null ? List.of() : es.getStatus().generatorState;
    }

    private static Map<String, byte[]> intactValues(Secret target) {
        if (target == null || !ManagedSecret.isIntact(target)) {
            return null;
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (target.getData() != null) {
            target.getData().forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v)));
        }
        return out;
    }
}
