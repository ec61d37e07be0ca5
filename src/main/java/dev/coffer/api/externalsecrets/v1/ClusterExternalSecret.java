package dev.coffer.api.externalsecrets.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** An ESO-compatible ClusterExternalSecret: one ExternalSecret stamped into many namespaces. */
@Group(ExternalSecret.GROUP)
@Version("v1")
@Kind("ClusterExternalSecret")
@Plural("clusterexternalsecrets")
@Singular("clusterexternalsecret")
@ShortNames("ces")
@AdditionalPrinterColumn(name = "Store", jsonPath = ".spec.externalSecretSpec.secretStoreRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Refresh Interval", jsonPath = ".spec.refreshTime", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
public class ClusterExternalSecret extends CustomResource<ClusterExternalSecretSpec, ClusterExternalSecretStatus> {
}
