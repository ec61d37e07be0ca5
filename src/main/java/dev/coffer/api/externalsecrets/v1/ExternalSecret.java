package dev.coffer.api.externalsecrets.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** An ESO-compatible ExternalSecret: which remote values to sync into which Secret. */
@Group(ExternalSecret.GROUP)
@Version("v1")
@Kind("ExternalSecret")
@Plural("externalsecrets")
@Singular("externalsecret")
@ShortNames("es")
@AdditionalPrinterColumn(name = "StoreType", jsonPath = ".spec.secretStoreRef.kind", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Store", jsonPath = ".spec.secretStoreRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Refresh Interval", jsonPath = ".spec.refreshInterval", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Last Sync", jsonPath = ".status.refreshTime", type = AdditionalPrinterColumn.Type.DATE)
public class ExternalSecret extends CustomResource<ExternalSecretSpec, ExternalSecretStatus> implements Namespaced {

    public static final String GROUP = "external-secrets.io";
}
