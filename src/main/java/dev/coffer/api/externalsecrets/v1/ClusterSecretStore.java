package dev.coffer.api.externalsecrets.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cluster-wide store, usable from the namespaces its conditions allow. */
@Group(ExternalSecret.GROUP)
@Version("v1")
@Kind("ClusterSecretStore")
@Plural("clustersecretstores")
@Singular("clustersecretstore")
@ShortNames("css")
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Capabilities", jsonPath = ".status.capabilities", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
public class ClusterSecretStore extends CustomResource<SecretStoreSpec, SecretStoreStatus> {
}
