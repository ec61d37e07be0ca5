package dev.coffer.api.sealedsecrets.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Secret sealed with the controller's public key (Bitnami Sealed Secrets, {@code bitnami.com/v1alpha1}).
 * The schema follows the upstream CRD so that existing SealedSecrets apply unchanged.
 */
@Group("bitnami.com")
@Version("v1alpha1")
@Kind("SealedSecret")
@Plural("sealedsecrets")
@Singular("sealedsecret")
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[0].message",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Synced", jsonPath = ".status.conditions[0].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class SealedSecret extends CustomResource<SealedSecretSpec, SealedSecretStatus> implements Namespaced {

    public static final String API_VERSION = "bitnami.com/v1alpha1";
    public static final String KIND = "SealedSecret";

    @Override
    protected SealedSecretSpec initSpec() {
        return new SealedSecretSpec();
    }
}
