package dev.coffer.testsupport;

import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretSpec;

/** ExternalSecrets from just their spec, written as YAML (unindented). */
public final class Specs {

    private Specs() {
    }

    /** An ExternalSecret ns/name with uid "uid-NAME", generation 1, and the given spec YAML. */
    public static ExternalSecret es(String namespace, String name, String specYaml) {
        return Manifests.parse("""
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata:
                  name: %s
                  namespace: %s
                  uid: uid-%s
                  generation: 1
                spec:
                %s
                """.formatted(name, namespace, name, specYaml.indent(2)), ExternalSecret.class);
    }

    public static ExternalSecret es(String specYaml) {
        return es("team-a", "app", specYaml);
    }

    public static ExternalSecretSpec spec(String specYaml) {
        return es(specYaml).getSpec();
    }
}
