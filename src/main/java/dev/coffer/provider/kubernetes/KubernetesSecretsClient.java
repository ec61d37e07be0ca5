package dev.coffer.provider.kubernetes;

import dev.coffer.provider.FindRegexp;
import dev.coffer.api.externalsecrets.v1.ExternalSecretDataRemoteRef;
import dev.coffer.api.externalsecrets.v1.ExternalSecretFind;
import dev.coffer.api.externalsecrets.v1.MetadataPolicy;
import dev.coffer.provider.JsonValues;
import dev.coffer.provider.ProviderException;
import dev.coffer.provider.SecretsClient;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads Secrets of one namespace of one API server, through one fabric8 client built for the
 * store and shared by every reconcile that uses it (fabric8 clients are thread-safe).
 */
final class KubernetesSecretsClient implements SecretsClient {

    /** A name no one uses: {@link #validate()} reads it to prove the identity may get Secrets. */
    static final String VALIDATION_PROBE = "coffer-store-validation-probe";

    private static final long PAGE_SIZE = 250;
    private static final Pattern SECRET_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");

    private final KubernetesClient client;
    private final String namespace;
    private final String serverUrl;

    KubernetesSecretsClient(KubernetesClient client, String namespace, String serverUrl) {
        this.client = client;
        this.namespace = namespace;
        this.serverUrl = serverUrl;
    }

    @Override
    public java.util.Optional<dev.coffer.provider.SecretsPusher> pusher() {
        return java.util.Optional.of(new KubernetesPusher(client, namespace, serverUrl));
    }

    @Override
    public String providerName() {
        return "kubernetes";
    }

    @Override
    public byte[] getSecret(ExternalSecretDataRemoteRef ref) {
        Secret secret = fetch(ref.key);
        boolean metadata = ref.metadataPolicy == MetadataPolicy.Fetch;
        if (ref.property == null || ref.property.isEmpty()) {
            return metadata ? SecretPayloads.metadataJson(secret) : SecretPayloads.dataJson(secret);
        }
        return metadata ? SecretPayloads.metadataProperty(secret, ref.property, ref.key)
                : SecretPayloads.dataProperty(secret, ref.property, ref.key);
    }

    @Override
    public Map<String, byte[]> getSecretMap(ExternalSecretDataRemoteRef ref) {
        Secret secret = fetch(ref.key);
        Map<String, byte[]> values = ref.metadataPolicy == MetadataPolicy.Fetch
                ? SecretPayloads.metadata(secret) : SecretPayloads.data(secret);
        if (ref.property == null || ref.property.isEmpty()) {
            return values;
        }
        byte[] value = values.get(ref.property);
        if (value == null) {
            throw ProviderException.missingValue("key \"" + ref.property + "\" not found in Secret \"" + ref.key
                    + "\" in namespace " + namespace);
        }
        return JsonValues.split(value, ref.key + "/" + ref.property);
    }

    /**
     * Every Secret of the namespace whose name matches {@code name.regexp} and whose labels match
     * {@code tags}, each as the JSON object of its data. Both filters apply when both are set
     * (upstream ignores the name when tags are given); {@code path} has no meaning here and is ignored.
     */
    @Override
    public Map<String, byte[]> getAllSecrets(ExternalSecretFind find) {
        String regexp = find.name == null ? null : find.name.regexp;
        if ((regexp == null || regexp.isEmpty()) && find.tags == null) {
            throw ProviderException.invalidConfig("dataFrom.find needs name.regexp or tags for the kubernetes provider");
        }
        Pattern name = compile(regexp);
        checkLabels(find.tags);
        Map<String, byte[]> out = new TreeMap<>();
        String page = null;
        do {
            SecretList list = list(find.tags, page);
            for (Secret s : list.getItems()) {
                String n = s.getMetadata().getName();
                if (name == null || name.matcher(n).find()) {
                    out.put(n, SecretPayloads.dataJson(s));
                }
            }
            page = list.getMetadata() == null ? null : list.getMetadata().getContinue();
        } while (page != null && !page.isEmpty());
        return out;
    }

    /**
     * Gets a Secret that does not exist: the API server authorises the {@code get} before it looks,
     * so 404 proves the credentials work and may read Secrets here; 401/403 say why not. This needs
     * only the {@code get} permission reads use, and works on a real cluster and the CRUD mock API alike.
     */
    @Override
    public void validate() {
        try {
            secrets().withName(VALIDATION_PROBE).get();
        } catch (RuntimeException e) {
            throw ApiErrors.translate(e, serverUrl, "get Secrets in namespace " + namespace);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private Secret fetch(String key) {
        if (key == null || key.length() > 253 || !SECRET_NAME.matcher(key).matches()) {
            throw ProviderException.invalidConfig("remote key \"" + key + "\" is not a valid Secret name");
        }
        Secret secret;
        try {
            secret = secrets().withName(key).get();
        } catch (RuntimeException e) {
            throw ApiErrors.translate(e, serverUrl, "get Secret \"" + key + "\" in namespace " + namespace);
        }
        if (secret == null) {
            throw ProviderException.notFound("Secret \"" + key + "\" not found in namespace " + namespace);
        }
        return secret;
    }

    private SecretList list(Map<String, String> labels, String page) {
        try {
            FilterWatchListDeletable<Secret, SecretList, Resource<Secret>> op = secrets();
            if (labels != null && !labels.isEmpty()) {
                op = op.withLabels(labels);
            }
            return op.list(new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(page).build());
        } catch (RuntimeException e) {
            throw ApiErrors.translate(e, serverUrl, "list Secrets in namespace " + namespace);
        }
    }

    private NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets() {
        return client.secrets().inNamespace(namespace);
    }

    private static Pattern compile(String regexp) {
        if (regexp == null || regexp.isEmpty()) {
            return null;
        }
        return FindRegexp.compile(regexp);
    }

    private static void checkLabels(Map<String, String> tags) {
        if (tags == null) {
            return;
        }
        tags.forEach((k, v) -> {
            String name = k.contains("/") ? k.substring(k.lastIndexOf('/') + 1) : k;
            if (!LABEL_NAME.matcher(name).matches() || v == null || !LABEL_VALUE.matcher(v).matches()) {
                throw ProviderException.invalidConfig("dataFrom.find.tags \"" + k + "\" is not a valid label selector entry");
            }
        });
    }
}
