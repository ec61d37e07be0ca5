package dev.coffer.store;

import dev.coffer.api.externalsecrets.v1.ClusterSecretStore;
import dev.coffer.api.externalsecrets.v1.SecretStoreStatus;
import dev.coffer.provider.StoreIdentity;
import dev.coffer.kube.DeletionEventSource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

import java.util.List;

/**
 * Validates ClusterSecretStores and keeps their Ready condition current. A store's cached clients
 * are replaced when its generation changes and closed when it is deleted (see {@link ClientCache}).
 */
@ControllerConfiguration(name = "clustersecretstore")
public class ClusterSecretStoreReconciler implements Reconciler<ClusterSecretStore> {

    private final StoreReconciliation reconciliation;

    public ClusterSecretStoreReconciler(StoreReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** A deleted store's clients close (no finalizer: upstream puts none on stores). */
    @Override
    public List<EventSource<?, ClusterSecretStore>> prepareEventSources(EventSourceContext<ClusterSecretStore> context) {
        return List.of(new DeletionEventSource<>(ClusterSecretStore.class, context.getClient(), context.getControllerConfiguration(),
                store -> reconciliation.forget(identity(store))));
    }

    @Override
    public UpdateControl<ClusterSecretStore> reconcile(ClusterSecretStore store, Context<ClusterSecretStore> context) {
        if (!reconciliation.serves(store.getSpec())) {
            return UpdateControl.noUpdate(); // another controller class's store (see ControllerClass)
        }
        if (store.getStatus() == null) {
            store.setStatus(new SecretStoreStatus());
        }
        boolean changed = reconciliation.reconcile(store, identity(store), store.getSpec(), store.getStatus());
        UpdateControl<ClusterSecretStore> control = changed ? UpdateControl.patchStatus(store) : UpdateControl.noUpdate();
        return control.rescheduleAfter(reconciliation.revalidation(store.getSpec()));
    }

    private static StoreIdentity identity(ClusterSecretStore store) {
        return new StoreIdentity(StoreIdentity.CLUSTER_SECRET_STORE, null, store.getMetadata().getName());
    }
}
