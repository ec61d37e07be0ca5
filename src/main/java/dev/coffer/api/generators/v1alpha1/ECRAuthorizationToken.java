package dev.coffer.api.generators.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A docker login for Amazon ECR from GetAuthorizationToken (valid for 12 hours). */
@Group(Generators.GROUP)
@Version(Generators.VERSION)
@Kind("ECRAuthorizationToken")
@Plural("ecrauthorizationtokens")
@Singular("ecrauthorizationtoken")
public class ECRAuthorizationToken extends CustomResource<ECRAuthorizationTokenSpec, GeneratorStatus> implements Namespaced {
}
