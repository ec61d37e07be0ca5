package dev.coffer.generator;

import dev.coffer.api.externalsecrets.v1.GeneratorRef;
import dev.coffer.api.externalsecrets.v1.GeneratorState;
import dev.coffer.api.externalsecrets.v1.LeaseStatus;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The generator items of one sync. An item's earlier values are kept when the same generator
 * (same spec) produced them, the intact target Secret still holds them, and either they carry a
 * lease that is still good (renewed here when due) or this sync is not a rotation (it only
 * maintains leases). Otherwise the generator makes new values. The new states are committed
 * to status after a successful write; leases issued by a sync that then fails are revoked.
 */
public final class GeneratorSession implements GeneratorSource {

    private static final Logger LOG = Logger.getLogger(GeneratorSession.class);

    private final GeneratorRegistry registry;
    private final GeneratorResolver resolver;
    private final GeneratorContext context;
    private final Map<String, GeneratorState> recorded = new HashMap<>();
    private final Map<String, byte[]> live;
    private final boolean rotate;
    private final Clock clock;
    private final Map<String, GeneratorState> next = new LinkedHashMap<>();
    private final Map<String, ResolvedGenerator> resolved = new HashMap<>();
    private final List<GeneratorState> issued = new ArrayList<>();

    /**
     * @param recorded the states in status from the last sync (may be null)
     * @param live     the decoded data of the target Secret if it is intact, else null
     * @param rotate   true when this sync is a refresh (values rotate); false when it only maintains leases
     */
    public GeneratorSession(GeneratorRegistry registry, GeneratorResolver resolver, GeneratorContext context,
                            List<GeneratorState> recorded, Map<String, byte[]> live, boolean rotate, Clock clock) {
        this.registry = registry;
        this.resolver = resolver;
        this.context = context;
        if (recorded != null) {
            recorded.stream().filter(s -> s != null && s.source != null).forEach(s -> this.recorded.put(s.source, s));
        }
        this.live = live;
        this.rotate = rotate;
        this.clock = clock;
    }

    @Override
    public Optional<Map<String, byte[]>> reuse(String source, GeneratorRef ref) {
        GeneratorState prev = recorded.get(source);
        if (prev == null) {
            return Optional.empty();
        }
        ResolvedGenerator g = resolve(source, ref);
        Optional<Map<String, byte[]>> values = liveValues(prev);
        if (!sameGenerator(prev, g) || values.isEmpty()) {
            return Optional.empty();
        }
        if (prev.lease == null) {
            return keep(prev, prev.lease, values);
        }
        return switch (LeasePlanner.decide(prev.lease, clock.instant())) {
            case KEEP -> keep(prev, prev.lease, values);
            case RENEW -> renew(g, prev).flatMap(l -> keep(prev, l, values));
            case REPLACE -> Optional.empty();
        };
    }

    @Override
    public Map<String, byte[]> generate(String source, GeneratorRef ref) {
        ResolvedGenerator g = resolve(source, ref);
        Generated out = registry.forKind(g.kind()).generate(g, context);
        GeneratorState s = state(source, g);
        out.lease().filter(l -> l.id() != null && !l.id().isEmpty())
                .ifPresent(l -> s.lease = LeasePlanner.issued(l, clock.instant()));
        if (s.lease != null) {
            issued.add(s);
        }
        next.put(source, s);
        return out.values();
    }

    @Override
    public void produced(String source, Collection<String> keys) {
        GeneratorState s = next.get(source);
        if (s != null) {
            s.keys = keys.stream().sorted().toList();
        }
    }

    /** The states to record in status after a successful write (null when there are none). */
    public List<GeneratorState> commit() {
        issued.clear();
        return next.isEmpty() ? null : new ArrayList<>(next.values());
    }

    /** The sync failed after generating: revokes the leases it issued (no Secret carries them). */
    public void abandon() {
        for (GeneratorState s : issued) {
            ResolvedGenerator g = resolved.get(s.source);
            try {
                registry.forKind(g.kind()).revoke(g, context, s.lease.id);
            } catch (RuntimeException e) {
                LOG.warnf("could not revoke an unused lease of %s: %s", g.describe(context.namespace()), e.getMessage());
            }
        }
        issued.clear();
    }

    /** Whether values rotate in this sync (a refresh), rather than only leases being maintained. */
    public boolean rotates() {
        return rotate;
    }

    private Optional<Map<String, byte[]>> keep(GeneratorState prev, LeaseStatus lease, Optional<Map<String, byte[]>> values) {
        if (rotate && lease == null) {
            return Optional.empty(); // values without a lease rotate at every refresh, as upstream
        }
        GeneratorState s = copy(prev);
        s.lease = lease;
        next.put(prev.source, s);
        return values;
    }

    private Optional<LeaseStatus> renew(ResolvedGenerator g, GeneratorState prev) {
        long increment = prev.lease.ttlSeconds == null ? 0 : prev.lease.ttlSeconds;
        Optional<LeaseStatus> renewed = registry.forKind(g.kind()).renew(g, context, prev.lease.id, increment)
                .flatMap(l -> LeasePlanner.renewed(prev.lease, l, clock.instant()));
        if (renewed.isEmpty()) {
            LOG.infof("the lease of %s for %s can no longer be renewed; new credentials are fetched",
                    g.describe(context.namespace()), prev.source);
        }
        return renewed;
    }

    private Optional<Map<String, byte[]>> liveValues(GeneratorState prev) {
        if (live == null || prev.keys == null || prev.keys.isEmpty()) {
            return Optional.empty();
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String k : prev.keys) {
            byte[] v = live.get(k);
            if (v == null) {
                return Optional.empty();
            }
            out.put(k, v);
        }
        return Optional.of(out);
    }

    private ResolvedGenerator resolve(String source, GeneratorRef ref) {
        return resolved.computeIfAbsent(source, s -> resolver.resolve(ref, context.namespace()));
    }

    private static boolean sameGenerator(GeneratorState prev, ResolvedGenerator g) {
        return Objects.equals(prev.kind, g.recordedKind()) && Objects.equals(prev.name, g.name())
                && Objects.equals(prev.fingerprint, g.fingerprint());
    }

    private static GeneratorState state(String source, ResolvedGenerator g) {
        GeneratorState s = new GeneratorState();
        s.source = source;
        s.kind = g.recordedKind();
        s.name = g.name();
        s.fingerprint = g.fingerprint();
        return s;
    }

    private static GeneratorState copy(GeneratorState prev) {
        GeneratorState s = new GeneratorState();
        s.source = prev.source;
        s.kind = prev.kind;
        s.name = prev.name;
        s.fingerprint = prev.fingerprint;
        s.keys = prev.keys;
        s.lease = prev.lease;
        return s;
    }
}
