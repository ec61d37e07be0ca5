package dev.coffer.api.generators.v1alpha1;

import dev.coffer.api.externalsecrets.v1.providers.WebhookProvider;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Calls an HTTP endpoint and returns the JSON object it answers; its spec is the webhook store block. */
@Group(Generators.GROUP)
@Version(Generators.VERSION)
@Kind("Webhook")
@Plural("webhooks")
@Singular("webhook")
public class Webhook extends CustomResource<WebhookProvider, GeneratorStatus> implements Namespaced {
}
