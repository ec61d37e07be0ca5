package dev.coffer.fanout;

import dev.coffer.api.externalsecrets.v1.ClusterExternalSecret;
import dev.coffer.api.externalsecrets.v1.ClusterExternalSecretSpec;
import dev.coffer.api.externalsecrets.v1.ClusterExternalSecretStatus;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretSpec;
import dev.coffer.gocompat.GoDuration;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reconciles ClusterExternalSecrets: the ExternalSecret of {@code externalSecretSpec} in every
 * selected namespace ({@link NamespaceSelection}), through {@link Fanout}. A namespace that
 * appears or changes its labels is handled at once (Namespaces are watched); {@code refreshTime}
 * re-evaluates the selection anyway.
 */
@ControllerConfiguration(name = "clusterexternalsecret")
public class ClusterExternalSecretReconciler implements Reconciler<ClusterExternalSecret> {

    static final String EXISTS = "external secret already exists in namespace";
    private static final Duration DEFAULT_REFRESH = Duration.ofHours(1);

    private final Fanout<ExternalSecret, ExternalSecretSpec> fanout;

    @Inject
    public ClusterExternalSecretReconciler(KubernetesClient client) {
        this.fanout = new Fanout<>(client, ExternalSecret.class, ExternalSecret::new, EXISTS);
    }

    @Override
    public List<EventSource<?, ClusterExternalSecret>> prepareEventSources(EventSourceContext<ClusterExternalSecret> context) {
        return FanoutEventSources.create(context, ExternalSecret.class);
    }

    @Override
    public UpdateControl<ClusterExternalSecret> reconcile(ClusterExternalSecret ces, Context<ClusterExternalSecret> context) {
        ClusterExternalSecretSpec spec = ces.getSpec();
        String name = spec.externalSecretName == null || spec.externalSecretName.isEmpty()
                ? ces.getMetadata().getName() : spec.externalSecretName;
        List<LabelSelector> selectors = new ArrayList<>();
        if (spec.namespaceSelectors != null) {
            selectors.addAll(spec.namespaceSelectors);
        }
        if (spec.namespaceSelector != null) {
            selectors.add(spec.namespaceSelector); // deprecated upstream, still honoured
        }
        List<Namespace> all = FanoutEventSources.namespaces(context);
        Set<String> selected = NamespaceSelection.select(all, selectors, spec.namespaces);
        Fanout.Result result = fanout.apply(ces, name, spec.externalSecretMetadata, spec.externalSecretSpec, selected,
                FanoutEventSources.owned(context, ExternalSecret.class, ces));

        ClusterExternalSecretStatus status = new ClusterExternalSecretStatus();
        status.externalSecretName = name;
        status.provisionedNamespaces = result.provisioned().isEmpty() ? null : result.provisioned();
        status.failedNamespaces = result.failed().isEmpty() ? null : result.failed();
        status.conditions = FanoutConditions.of(result.provisioned().size(), result.failed().size());
        boolean changed = !sameStatus(ces.getStatus(), status);
        ces.setStatus(status);
        UpdateControl<ClusterExternalSecret> control = changed ? UpdateControl.patchStatus(ces) : UpdateControl.noUpdate();
        return control.rescheduleAfter(refresh(spec.refreshTime));
    }

    static Duration refresh(String text) {
        try {
            Duration d = text == null || text.isEmpty() ? DEFAULT_REFRESH : GoDuration.parse(text);
            return d.isZero() ? DEFAULT_REFRESH : d;
        } catch (IllegalArgumentException e) {
            return DEFAULT_REFRESH;
        }
    }

    private static boolean sameStatus(ClusterExternalSecretStatus a, ClusterExternalSecretStatus b) {
        var json = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper();
        return a != null && Objects.equals(json.valueToTree(a), json.valueToTree(b));
    }
}
