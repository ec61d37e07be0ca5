package dev.coffer.inject.render;

import dev.coffer.audit.AuditRecord;
import dev.coffer.audit.AuditTrail;
import dev.coffer.inject.CofferAnnotations;
import dev.coffer.inject.InjectionException;
import dev.coffer.inject.StoreFile;
import dev.coffer.inject.StoreInjectionSpec;
import dev.coffer.kube.EventRecorder;
import dev.coffer.metrics.InjectMetrics;
import dev.coffer.provider.ClientSource;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.SharedReads;
import dev.coffer.store.ClientCache;
import dev.coffer.store.ControllerClass;
import dev.coffer.store.ProviderRegistry;
import dev.coffer.store.StoreAccess;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Serves a {@code coffer.dev/inject} pod's agent its files. The caller is who its bound token
 * says (TokenReview), and gets only what its own pod's annotations name: the pod is read from the
 * API server, so an agent cannot ask for anything else. Stores are resolved for the pod's
 * namespace exactly as for an ExternalSecret there (a SecretStore of that namespace, or a Ready
 * ClusterSecretStore whose conditions admit it), and read through the same cached clients and
 * shared reads; provider credentials never leave the operator.
 *
 * <p>Each outcome is counted, a file served or refused is in the audit trail (names only), and a
 * failure is a Warning event on the pod: one line, never a value.
 */
public final class RenderService {

    private static final Logger LOG = Logger.getLogger(RenderService.class);
    static final String EVENT_REASON = "InjectionFailed";

    /** What the render service uses of the operator. */
    public record Parts(KubernetesClient client, TokenReviewer tokens, ProviderRegistry registry, ClientCache clients,
                        KubeAccess kube, ControllerClass controllerClass, StoreFileRenderer renderer, SharedReads reads,
                        AuditTrail audit, InjectMetrics metrics, EventRecorder events) {
    }

    private final Parts parts;
    private final Set<String> excludedNamespaces;

    /** @param excludedNamespaces never served, as never mutated (the operator's own, kube-system) */
    public RenderService(Parts parts, Set<String> excludedNamespaces) {
        this.parts = parts;
        this.excludedNamespaces = Set.copyOf(excludedNamespaces);
    }

    public List<RenderedFile> render(String token) throws RenderException {
        Optional<PodIdentity> who;
        try {
            who = token == null || token.isBlank() ? Optional.empty() : parts.tokens().review(token);
        } catch (KubernetesClientException e) {
            throw new RenderException(503, "cannot review the token now (API server: " + e.getCode() + ")");
        }
        if (who.isEmpty()) {
            parts.metrics().render("", "denied");
            throw new RenderException(401, "a bound service-account token for audience of Coffer's injection is required");
        }
        PodIdentity id = who.get();
        Pod pod = null;
        try {
            pod = pod(id);
            StoreInjectionSpec spec = spec(pod);
            List<RenderedFile> files = renderFiles(id, spec);
            parts.metrics().render(id.namespace(), "success");
            LOG.debugf("served %d file(s) to pod %s/%s", files.size(), id.namespace(), id.pod());
            return files;
        } catch (RenderException e) {
            parts.metrics().render(id.namespace(), e.status() == 403 ? "denied" : "failure");
            LOG.infof("injection for pod %s/%s refused: %s", id.namespace(), id.pod(), e.getMessage());
            if (pod != null) {
                parts.events().warning(pod, EVENT_REASON, e.getMessage());
            } else {
                audit(id, null, null, AuditRecord.failure(e));
            }
            throw e;
        }
    }

    private Pod pod(PodIdentity id) throws RenderException {
        if (excludedNamespaces.contains(id.namespace())) {
            throw new RenderException(403, "pods of namespace " + id.namespace() + " are not served");
        }
        Pod pod;
        try {
            pod = parts.client().pods().inNamespace(id.namespace()).withName(id.pod()).get();
        } catch (KubernetesClientException e) {
            throw new RenderException(503, "cannot read pod " + id.namespace() + "/" + id.pod() + " now (API server: " + e.getCode() + ")");
        }
        if (pod == null || !id.uid().equals(pod.getMetadata().getUid())) {
            throw new RenderException(403, "pod " + id.namespace() + "/" + id.pod() + " of the token does not exist");
        }
        String account = pod.getSpec() == null || pod.getSpec().getServiceAccountName() == null
                ? "default" : pod.getSpec().getServiceAccountName();
        if (!account.equals(id.serviceAccount())) {
            throw new RenderException(403, "the token's service account is not pod " + id.pod() + "'s");
        }
        return pod;
    }

    private static StoreInjectionSpec spec(Pod pod) throws RenderException {
        var annotations = pod.getMetadata().getAnnotations();
        if (!CofferAnnotations.requested(annotations)) {
            throw new RenderException(403, "pod " + pod.getMetadata().getName() + " does not ask for " + CofferAnnotations.INJECT);
        }
        try {
            return CofferAnnotations.spec(annotations);
        } catch (InjectionException e) {
            throw new RenderException(422, e.getMessage());
        }
    }

    private List<RenderedFile> renderFiles(PodIdentity id, StoreInjectionSpec spec) throws RenderException {
        StoreAccess stores = new StoreAccess(id.namespace(), new ApiServerStoreLookup(parts.client(), parts.controllerClass()),
                parts.registry(), parts.clients(), parts.kube(), true);
        SharedReads.Session session = parts.reads().session(false);
        ClientSource clients = ref -> session.view(stores.clientFor(ref));
        try {
            List<RenderedFile> files = parts.renderer().render(spec.files(), clients);
            spec.files().forEach(f -> audit(id, f, f.fileName(), AuditRecord.SUCCESS));
            return files;
        } catch (RenderException e) {
            if (e.file() != null) {
                audit(id, e.file(), e.file().fileName(), AuditRecord.failure(e));
            }
            throw e;
        }
    }

    private void audit(PodIdentity id, StoreFile f, String fileName, String outcome) {
        AuditTrail trail = parts.audit();
        trail.record(new AuditRecord(trail.clock().instant(), AuditRecord.Action.INJECT, id.namespace(), "Pod", id.pod(),
                f == null ? null : f.storePath(), f == null ? null : f.key(), f == null ? null : f.property(),
                f == null ? null : f.version(), fileName, outcome));
    }
}
