package dev.coffer.api.generators.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Temporary AWS credentials from STS GetSessionToken. */
@Group(Generators.GROUP)
@Version(Generators.VERSION)
@Kind("STSSessionToken")
@Plural("stssessiontokens")
@Singular("stssessiontoken")
public class STSSessionToken extends CustomResource<STSSessionTokenSpec, GeneratorStatus> implements Namespaced {
}
