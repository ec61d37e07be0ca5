package dev.coffer.fanout;

import dev.coffer.api.externalsecrets.v1alpha1.ClusterPushSecret;
import dev.coffer.api.externalsecrets.v1alpha1.ClusterPushSecretSpec;
import dev.coffer.api.externalsecrets.v1alpha1.ClusterPushSecretStatus;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecret;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reconciles ClusterPushSecrets: the PushSecret of {@code pushSecretSpec} in every namespace its
 * {@code namespaceSelectors} pick, through {@link Fanout}, as ClusterExternalSecrets do.
 */
@ControllerConfiguration(name = "clusterpushsecret")
public class ClusterPushSecretReconciler implements Reconciler<ClusterPushSecret> {

    static final String EXISTS = "push secret already exists in namespace";

    private final Fanout<PushSecret, PushSecretSpec> fanout;

    @Inject
    public ClusterPushSecretReconciler(KubernetesClient client) {
        this.fanout = new Fanout<>(client, PushSecret.class, PushSecret::new, EXISTS);
    }

    @Override
    public List<EventSource<?, ClusterPushSecret>> prepareEventSources(EventSourceContext<ClusterPushSecret> context) {
        return FanoutEventSources.create(context, PushSecret.class);
    }

    @Override
    public UpdateControl<ClusterPushSecret> reconcile(ClusterPushSecret cps, Context<ClusterPushSecret> context) {
        ClusterPushSecretSpec spec = cps.getSpec();
        String name = spec.pushSecretName == null || spec.pushSecretName.isEmpty() ? cps.getMetadata().getName() : spec.pushSecretName;
        Set<String> selected = NamespaceSelection.select(FanoutEventSources.namespaces(context),
                spec.namespaceSelectors == null ? List.of() : spec.namespaceSelectors, null);
        Fanout.Result result = fanout.apply(cps, name, spec.pushSecretMetadata, spec.pushSecretSpec, selected,
                FanoutEventSources.owned(context, PushSecret.class, cps));

        ClusterPushSecretStatus status = new ClusterPushSecretStatus();
        status.pushSecretName = name;
        status.provisionedNamespaces = result.provisioned().isEmpty() ? null : result.provisioned();
        status.failedNamespaces = result.failed().isEmpty() ? null : result.failed();
        status.conditions = FanoutConditions.of(result.provisioned().size(), result.failed().size());
        var json = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper();
        boolean changed = cps.getStatus() == null || !Objects.equals(json.valueToTree(cps.getStatus()), json.valueToTree(status));
        cps.setStatus(status);
        UpdateControl<ClusterPushSecret> control = changed ? UpdateControl.patchStatus(cps) : UpdateControl.noUpdate();
        return control.rescheduleAfter(ClusterExternalSecretReconciler.refresh(spec.refreshTime));
    }
}
