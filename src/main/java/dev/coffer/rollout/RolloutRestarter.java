package dev.coffer.rollout;

import dev.coffer.kube.EventRecorder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates one workload: reads the Secrets it restarts for (their data, from the API server,
 * only now), hashes them, and when the hash differs from the pod template's
 * {@value #HASH_ANNOTATION} annotation, patches the annotation (the rollout) and records an
 * Event on the workload naming the Secrets. Equal hash, no patch: evaluating twice is harmless.
 */
public final class RolloutRestarter {

    public static final String HASH_ANNOTATION = "coffer.dev/secret-hash";
    public static final String REASON = "RolloutRestarted";

    private static final Logger LOG = Logger.getLogger(RolloutRestarter.class);

    /** What an evaluation did. */
    public enum Result { RESTARTED, UNCHANGED, NOT_WATCHED }

    private final KubernetesClient client;
    private final EventRecorder events;

    public RolloutRestarter(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    /**
     * @param workload the workload as the informer last saw it
     * @param changed  the Secrets whose change led here (empty: a check at start-up)
     */
    public Result evaluate(WorkloadKind kind, HasMetadata workload, Set<String> changed) {
        PodTemplateSpec template = kind.template(workload);
        ReloadPolicy policy = ReloadPolicy.of(workload.getMetadata().getAnnotations());
        if (template == null || !policy.enabled()) {
            return Result.NOT_WATCHED;
        }
        String ns = workload.getMetadata().getNamespace();
        Set<String> referenced = SecretReferences.of(template.getSpec());
        Map<String, Secret> counted = new TreeMap<>();
        for (String name : policy.candidates(referenced)) {
            Secret secret = client.secrets().inNamespace(ns).withName(name).get();
            if (policy.counts(name, referenced, secret == null ? null : secret.getMetadata().getAnnotations())) {
                counted.put(name, secret);
            }
        }
        String hash = SecretDataHash.of(counted);
        Map<String, String> current = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
        if (current != null && hash.equals(current.get(HASH_ANNOTATION))) {
            return Result.UNCHANGED;
        }
        Map<String, Object> patch = Map.of("spec", Map.of("template", Map.of("metadata",
                Map.of("annotations", Map.of(HASH_ANNOTATION, hash)))));
        // Through the cached object, so that fabric8 does not read the workload first (no 'get' grant needed).
        patch(kind, workload, Serialization.asJson(patch));
        String names = String.join(", ", new java.util.TreeSet<>(changed.isEmpty() ? counted.keySet() : changed));
        String message = changed.isEmpty()
                ? "Restarted: the Secrets it restarts for (" + names + ") changed while Coffer was not watching"
                : "Restarted: Secret" + (changed.size() > 1 ? "s " : " ") + names + " changed";
        events.normal(withKind(kind, workload), REASON, message);
        LOG.infof("restarted %s %s/%s: Secrets %s", kind.kind(), ns, workload.getMetadata().getName(), names);
        return Result.RESTARTED;
    }

    private <W extends HasMetadata> void patch(WorkloadKind kind, HasMetadata workload, String mergePatch) {
        @SuppressWarnings("unchecked")
        Class<W> type = (Class<W>) kind.type();
        client.resources(type).inNamespace(workload.getMetadata().getNamespace()).resource(type.cast(workload))
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    /** Objects from a list carry no kind; the Event's involvedObject needs it. */
    private static HasMetadata withKind(WorkloadKind kind, HasMetadata workload) {
        if (workload.getKind() != null && workload.getApiVersion() != null) {
            return workload;
        }
        var ref = new GenericKubernetesResource();
        ref.setApiVersion("apps/v1");
        ref.setKind(kind.kind());
        ref.setMetadata(workload.getMetadata());
        ref.setAdditionalProperties(new LinkedHashMap<>());
        return ref;
    }
}
