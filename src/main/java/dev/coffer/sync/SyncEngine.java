package dev.coffer.sync;

import dev.coffer.provider.ClientSource;
import dev.coffer.api.externalsecrets.v1.ExternalSecret;
import dev.coffer.api.externalsecrets.v1.ExternalSecretSpec;
import dev.coffer.api.externalsecrets.v1.ExternalSecretTemplate;
import dev.coffer.api.externalsecrets.v1.TemplateFrom;
import dev.coffer.failure.KubeOperationFailure;
import dev.coffer.generator.GeneratorSource;
import dev.coffer.provider.KubeAccess;
import dev.coffer.provider.SharedReads;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fetch and shape, shared by the reconciler and the {@code render} command so both produce the
 * same Secret. It performs no writes: the caller owns the write step.
 */
public final class SyncEngine {

    private final SecretTemplater templater;
    private final SharedReads reads;

    /** Reads shared within the window from configuration ({@link SharedReads#WINDOW_PROPERTY}). */
    public SyncEngine(SecretTemplater templater) {
        this(templater, SharedReads.fromConfig());
    }

    public SyncEngine(SecretTemplater templater, SharedReads reads) {
        this.templater = templater;
        this.reads = reads;
    }

    /** Validates the spec, runs the remote reads and applies each item's strategies (decoding, conversion, rewrite, null bytes). */
    public Map<String, byte[]> fetch(ExternalSecret es, ClientSource clients) {
        return fetch(es, clients, GeneratorSource.NONE);
    }

    /** Validates the spec and runs the remote reads, with generator items served by {@code generators}. */
    public Map<String, byte[]> fetch(ExternalSecret es, ClientSource clients, GeneratorSource generators) {
        return fetch(es, clients, generators, DataFetcher.MissingEntries.IGNORE);
    }

    /** As above; {@code missing} hears of each entry skipped because its remote secret does not exist. */
    public Map<String, byte[]> fetch(ExternalSecret es, ClientSource clients, GeneratorSource generators,
                                     DataFetcher.MissingEntries missing) {
        return fetch(es, clients, generators, missing, false);
    }

    /**
     * As above; each distinct read is made once in this fetch, and shared with other
     * ExternalSecrets' fetches within the window unless {@code freshReads} (a sync the user asked for).
     */
    public Map<String, byte[]> fetch(ExternalSecret es, ClientSource clients, GeneratorSource generators,
                                     DataFetcher.MissingEntries missing, boolean freshReads) {
        ExternalSecretValidator.validate(es.getSpec());
        SharedReads.Session session = reads.session(freshReads);
        ClientSource shared = ref -> session.view(clients.clientFor(ref));
        return fetchAndShape(new DataFetcher(shared, generators, missing), es.getSpec(), templater, generators);
    }

    /**
     * The fetch step, then the first half of the shape step over its raw data; the generator
     * session hears which Secret keys each newly generated item ended up with.
     */
    static Map<String, byte[]> fetchAndShape(DataFetcher fetcher, ExternalSecretSpec spec, SecretTemplater templater,
                                             GeneratorSource generators) {
        ProviderDataShaper.ProviderData shaped = ProviderDataShaper.shape(fetcher.fetch(spec), templater);
        shaped.generatedKeys().forEach(generators::produced);
        return shaped.data();
    }

    /** Shapes the fetched data and merges it with the live Secret (which may be null). */
    public SecretWritePlan plan(ExternalSecret es, Map<String, byte[]> data, Secret live, KubeAccess kube) {
        DesiredSecret desired = SecretShaper.shape(es, data, templater, templateSources(es, kube));
        return SecretMerger.plan(es, desired, live);
    }

    /** Reads the ConfigMaps and Secrets that templateFrom names (I/O kept out of the pure shape step). */
    static TemplateSources templateSources(ExternalSecret es, KubeAccess kube) {
        ExternalSecretTemplate template = es.getSpec().target == null ? null : es.getSpec().target.template;
        return templateSources(es.getMetadata().getNamespace(), template, kube);
    }

    /** The templateFrom sources of {@code template} in namespace {@code ns} (PushSecret templates too). */
    public static TemplateSources templateSources(String ns, ExternalSecretTemplate template, KubeAccess kube) {
        if (template == null || template.templateFrom == null || template.templateFrom.isEmpty()) {
            return TemplateSources.NONE;
        }
        Map<String, Map<String, String>> configMaps = new HashMap<>();
        Map<String, Map<String, byte[]>> secrets = new HashMap<>();
        for (TemplateFrom from : template.templateFrom) {
            if (from.configMap != null && !configMaps.containsKey(from.configMap.name)) {
                var cm = KubeOperationFailure.during("reading templateFrom ConfigMap " + ns + "/" + from.configMap.name,
                        () -> kube.configMap(ns, from.configMap.name)).orElseThrow(() -> new InvalidSpecException(
                        "templateFrom ConfigMap \"" + from.configMap.name + "\" not found in namespace " + ns));
                configMaps.put(from.configMap.name, cm.getData() == null ? Map.of() : cm.getData());
            }
            if (from.secret != null && !secrets.containsKey(from.secret.name)) {
                Secret s = KubeOperationFailure.during("reading templateFrom Secret " + ns + "/" + from.secret.name,
                        () -> kube.secret(ns, from.secret.name)).orElseThrow(() -> new InvalidSpecException(
                        "templateFrom Secret \"" + from.secret.name + "\" not found in namespace " + ns));
                Map<String, byte[]> decoded = new LinkedHashMap<>();
                if (s.getData() != null) {
                    s.getData().forEach((k, v) -> decoded.put(k, Base64.getDecoder().decode(v)));
                }
                secrets.put(from.secret.name, decoded);
            }
        }
        return new TemplateSources(configMaps, secrets);
    }
}
