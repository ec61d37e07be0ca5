package dev.coffer.api.externalsecrets.v1alpha1;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** An ESO-compatible ClusterPushSecret: one PushSecret stamped into many namespaces. */
@Group(ExternalSecret.GROUP)
@Version("v1alpha1")
@Kind("ClusterPushSecret")
@Plural("clusterpushsecrets")
@Singular("clusterpushsecret")
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
public class ClusterPushSecret extends CustomResource<ClusterPushSecretSpec, ClusterPushSecretStatus> {
}
