package dev.coffer.push;

import dev.coffer.generator.catalog.ShippedGenerators;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecret;
import dev.coffer.api.externalsecrets.v1alpha1.PushSecretSelector;
import dev.coffer.generator.GeneratorContext;
import dev.coffer.generator.GeneratorLookup;
import dev.coffer.generator.GeneratorRegistry;
import dev.coffer.generator.GeneratorResolver;
import dev.coffer.generator.GeneratorSession;
import dev.coffer.provider.KubeAccess;
import dev.coffer.store.ClientCache;
import dev.coffer.sync.InvalidSpecException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a PushSecret pushes: its source Secret by name, every Secret its label selector
 * picks (merged in name order, so a later name wins a key), or a fresh value from its generator.
 */
final class PushSource {

    /** Thrown when the selected Secret (or every Secret a selector could pick) is gone. */
    static final class SourceMissingException extends RuntimeException {
        SourceMissingException(String message) {
            super(message);
        }
    }

    private final KubernetesClient client;
    private final KubeAccess kube;
    private final ClientCache clients;
    private final GeneratorRegistry generators = ShippedGenerators.registry();
    private final GeneratorResolver resolver;

    PushSource(KubernetesClient client, KubeAccess kube, ClientCache clients) {
        this.client = client;
        this.kube = kube;
        this.clients = clients;
        this.resolver = new GeneratorResolver(GeneratorLookup.of(client));
    }

    static boolean generated(PushSecret ps) {
        return ps.getSpec().selector != null && ps.getSpec().selector.generatorRef != null;
    }

    static void validate(PushSecret ps) {
        PushSecretSelector selector = ps.getSpec().selector;
        boolean secret = selector != null && selector.secret != null;
        boolean generator = selector != null && selector.generatorRef != null;
        if (secret == generator) {
            throw new InvalidSpecException("spec.selector must set exactly one of secret and generatorRef");
        }
        if (secret && (selector.secret.name == null || selector.secret.name.isEmpty()) == (selector.secret.selector == null)) {
            throw new InvalidSpecException("spec.selector.secret must set exactly one of name and selector");
        }
        if (ps.getSpec().secretStoreRefs == null || ps.getSpec().secretStoreRefs.isEmpty()) {
            throw new InvalidSpecException("spec.secretStoreRefs must name at least one store");
        }
    }

    /** The data to push, decoded; Secrets are read from the API (the watch's cache keeps no data). */
    Map<String, byte[]> read(PushSecret ps) {
        String ns = ps.getMetadata().getNamespace();
        if (generated(ps)) {
            GeneratorSession session = new GeneratorSession(generators, resolver, new GeneratorContext(ns, kube, clients),
                    null, null, true, Clock.systemUTC());
            try {
                Map<String, byte[]> values = session.generate("spec.selector.generatorRef", ps.getSpec().selector.generatorRef);
                session.commit();
                return values;
            } finally {
                session.abandon();
            }
        }
        var source = ps.getSpec().selector.secret;
        if (source.name != null && !source.name.isEmpty()) {
            Secret s = Optional.ofNullable(client.secrets().inNamespace(ns).withName(source.name).get())
                    .orElseThrow(() -> new SourceMissingException("source Secret \"" + source.name + "\" not found in namespace " + ns));
            return decode(List.of(s));
        }
        // one list for all the selector picks; the same test as the watch's mapping decides
        List<Secret> selected = client.secrets().inNamespace(ns).withLabelSelector(source.selector).list().getItems().stream()
                .filter(s -> PushSecretEventSources.selects(ps, s)).toList();
        if (selected.isEmpty()) {
            throw new SourceMissingException("no Secret in namespace " + ns + " matches spec.selector.secret.selector");
        }
        return decode(selected);
    }

    private static Map<String, byte[]> decode(List<Secret> secrets) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        secrets.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName())).forEach(s -> {
            // stringData is folded into data by a real API server; the embedded one keeps it as written
            if (s.getStringData() != null) {
                s.getStringData().forEach((k, v) -> out.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            if (s.getData() != null) {
                s.getData().forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v)));
            }
        });
        return out;
    }
}
