package dev.coffer.rollout;

import dev.coffer.kube.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Rollout restarts, end to end: informers on Deployments, StatefulSets and DaemonSets keep the
 * {@link WorkloadIndex}; an informer on Secrets (metadata only, see {@link SecretMetadataStore})
 * feeds data changes into the {@link Debouncer}; {@link #tick()} hands what is due to the
 * {@link RolloutRestarter}. Whoever runs it calls {@link #tick()} regularly; tests call it
 * after moving their clock.
 */
public final class RolloutWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RolloutWatcher.class);

    private final KubernetesClient client;
    private final RolloutSettings settings;
    private final BooleanSupplier leading;
    private final WorkloadIndex index = new WorkloadIndex();
    private final Debouncer<WorkloadRef> debouncer;
    private final RolloutRestarter restarter;
    private final Map<WorkloadKind, List<SharedIndexInformer<? extends HasMetadata>>> workloads = new EnumMap<>(WorkloadKind.class);
    private final List<SharedIndexInformer<Secret>> secrets = new ArrayList<>();

    /**
     * @param leading whether this instance may patch now (the leader, when leader election is on);
     *                a standby keeps its informers warm and its pending work for when it leads
     */
    public RolloutWatcher(KubernetesClient client, EventRecorder events, RolloutSettings settings, Clock clock,
                          BooleanSupplier leading) {
        this.client = client;
        this.settings = settings;
        this.leading = leading;
        this.debouncer = new Debouncer<>(clock, settings.debounce());
        this.restarter = new RolloutRestarter(client, events);
    }

    /** Starts the informers; returns without waiting for their first listing ({@link #hasSynced()}). */
    public void start() {
        List<String> scopes = settings.namespaces().isEmpty() ? Collections.singletonList(null) : settings.namespaces();
        for (String ns : scopes) {
            for (WorkloadKind kind : WorkloadKind.values()) {
                SharedIndexInformer<? extends HasMetadata> informer = workloadInformer(kind, ns);
                workloads.computeIfAbsent(kind, k -> new ArrayList<>()).add(informer);
            }
            var secretOps = ns == null ? client.secrets().inAnyNamespace() : client.secrets().inNamespace(ns);
            SharedIndexInformer<Secret> informer = secretOps.runnableInformer(0);
            informer.itemStore(new SecretMetadataStore());
            informer.addEventHandler(new SecretChangeHandler(index, debouncer));
            informer.start();
            secrets.add(informer);
        }
        LOG.infof("rollout restarts: watching %s", settings.namespaces().isEmpty() ? "all namespaces" : settings.namespaces());
    }

    private <W extends HasMetadata> SharedIndexInformer<W> workloadInformer(WorkloadKind kind, String ns) {
        @SuppressWarnings("unchecked")
        Class<W> type = (Class<W>) kind.type();
        var ops = ns == null ? client.resources(type).inAnyNamespace() : client.resources(type).inNamespace(ns);
        SharedIndexInformer<W> informer = ops.runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<W>() {
            @Override
            public void onAdd(W w) {
                if (indexed(kind, w) && carriesHash(kind.template(w))) {
                    // Seen for the first time (start-up, or created with a hash): catch up on changes made while unwatched.
                    debouncer.offer(ref(kind, w), null);
                }
            }

            @Override
            public void onUpdate(W old, W w) {
                indexed(kind, w);
            }

            @Override
            public void onDelete(W w, boolean unknown) {
                index.remove(ref(kind, w));
            }
        });
        informer.start();
        return informer;
    }

    private boolean indexed(WorkloadKind kind, HasMetadata w) {
        PodTemplateSpec template = kind.template(w);
        ReloadPolicy policy = ReloadPolicy.of(w.getMetadata().getAnnotations());
        index.put(ref(kind, w), policy, template == null ? Set.of() : SecretReferences.of(template.getSpec()));
        return policy.enabled();
    }

    private static boolean carriesHash(PodTemplateSpec template) {
        return template != null && template.getMetadata() != null && template.getMetadata().getAnnotations() != null
                && template.getMetadata().getAnnotations().containsKey(RolloutRestarter.HASH_ANNOTATION);
    }

    private static WorkloadRef ref(WorkloadKind kind, HasMetadata w) {
        return new WorkloadRef(kind, w.getMetadata().getNamespace(), w.getMetadata().getName());
    }

    public boolean hasSynced() {
        return workloads.values().stream().flatMap(List::stream).allMatch(SharedIndexInformer::hasSynced)
                && secrets.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /** Workloads waiting for their window to end. */
    public int pending() {
        return debouncer.pendingCount();
    }

    /**
     * Evaluates every workload whose window has ended. A failed evaluation (API error) is offered
     * again, so it is retried one window later.
     *
     * @return the number of workloads restarted
     */
    public int tick() {
        if (!leading.getAsBoolean()) {
            // A standby keeps what is pending: when it takes over, it catches up (evaluating twice is harmless).
            return 0;
        }
        Map<WorkloadRef, Set<String>> due = debouncer.takeDue();
        int restarted = 0;
        for (var e : due.entrySet()) {
            WorkloadRef ref = e.getKey();
            HasMetadata workload = cached(ref);
            if (workload == null) {
                continue;
            }
            try {
                if (restarter.evaluate(ref.kind(), workload, e.getValue()) == RolloutRestarter.Result.RESTARTED) {
                    restarted++;
                }
            } catch (KubernetesClientException ex) {
                if (ex.getCode() == 404) {
                    continue; // deleted meanwhile
                }
                LOG.warnf("could not restart %s (HTTP %d); trying again", ref, ex.getCode());
                e.getValue().forEach(cause -> debouncer.offer(ref, cause));
                if (e.getValue().isEmpty()) {
                    debouncer.offer(ref, null);
                }
            }
        }
        return restarted;
    }

    private HasMetadata cached(WorkloadRef ref) {
        for (SharedIndexInformer<? extends HasMetadata> informer : workloads.getOrDefault(ref.kind(), List.of())) {
            HasMetadata w = informer.getStore().getByKey(ref.namespace() + "/" + ref.name());
            if (w != null) {
                return w;
            }
        }
        return null;
    }

    @Override
    public void close() {
        workloads.values().forEach(list -> list.forEach(SharedIndexInformer::close));
        secrets.forEach(SharedIndexInformer::close);
    }
}
