package dev.coffer.api.externalsecrets.v1alpha1;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** An ESO-compatible PushSecret: a Secret (or a generated value) written to providers. */
@Group(ExternalSecret.GROUP)
@Version("v1alpha1")
@Kind("PushSecret")
@Plural("pushsecrets")
@Singular("pushsecret")
@ShortNames("ps")
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Sync", jsonPath = ".status.refreshTime", type = AdditionalPrinterColumn.Type.DATE)
public class PushSecret extends CustomResource<PushSecretSpec, PushSecretStatus> implements Namespaced {
}
