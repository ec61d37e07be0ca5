package dev.coffer.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coffer.api.externalsecrets.v1.GeneratorKind;
import dev.coffer.api.externalsecrets.v1.GeneratorRef;
import dev.coffer.api.generators.v1alpha1.ClusterGenerator;
import dev.coffer.api.generators.v1alpha1.ECRAuthorizationToken;
import dev.coffer.api.generators.v1alpha1.Fake;
import dev.coffer.api.generators.v1alpha1.GeneratorSpec;
import dev.coffer.api.generators.v1alpha1.Generators;
import dev.coffer.api.generators.v1alpha1.Password;
import dev.coffer.api.generators.v1alpha1.SSHKey;
import dev.coffer.api.generators.v1alpha1.SSHKeySpec;
import dev.coffer.api.generators.v1alpha1.STSSessionToken;
import dev.coffer.api.generators.v1alpha1.UUID;
import dev.coffer.api.generators.v1alpha1.UUIDSpec;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecret;
import dev.coffer.api.generators.v1alpha1.Webhook;
import dev.coffer.provider.ProviderException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the generator a {@code generatorRef} names: a namespaced generator in the
 * ExternalSecret's namespace, or a ClusterGenerator, whose wrapped spec must match its kind.
 */
public final class GeneratorResolver {

    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Map<String, Class<? extends CustomResource<?, ?>>> NAMESPACED = Map.of(
            "Password", Password.class, "UUID", UUID.class, "VaultDynamicSecret", VaultDynamicSecret.class,
            "Fake", Fake.class, "SSHKey", SSHKey.class, "STSSessionToken", STSSessionToken.class,
            "ECRAuthorizationToken", ECRAuthorizationToken.class, "Webhook", Webhook.class);

    /** Where a ClusterGenerator holds the spec of each kind: its field under spec.generator, and the getter. */
    private record Wrapped(String field, Function<GeneratorSpec, Object> spec) {
    }

    private static final Map<String, Wrapped> WRAPPED = Map.of(
            "Password", new Wrapped("passwordSpec", g -> g.passwordSpec),
            // Neither UUID nor SSHKey needs a field set: their empty spec is meaningful.
            "UUID", new Wrapped("uuidSpec", g -> g.uuidSpec == null ? new UUIDSpec() : g.uuidSpec),
            "SSHKey", new Wrapped("sshKeySpec", g -> g.sshKeySpec == null ? new SSHKeySpec() : g.sshKeySpec),
            "VaultDynamicSecret", new Wrapped("vaultDynamicSecretSpec", g -> g.vaultDynamicSecretSpec),
            "Fake", new Wrapped("fakeSpec", g -> g.fakeSpec),
            "STSSessionToken", new Wrapped("stsSessionTokenSpec", g -> g.stsSessionTokenSpec),
            "ECRAuthorizationToken", new Wrapped("ecrAuthorizationTokenSpec", g -> g.ecrAuthorizationTokenSpec),
            "Webhook", new Wrapped("webhookSpec", g -> g.webhookSpec));

    private final GeneratorLookup lookup;

    public GeneratorResolver(GeneratorLookup lookup) {
        this.lookup = lookup;
    }

    /** Throws INVALID_CONFIG when the generator does not exist or cannot be used. */
    public ResolvedGenerator resolve(GeneratorRef ref, String namespace) {
        if (ref.kind == null || ref.name == null || ref.name.isEmpty()) {
            throw ProviderException.invalidConfig("generatorRef needs a kind and a name");
        }
        if (ref.apiVersion != null && !ref.apiVersion.isEmpty() && !Generators.API_VERSION.equals(ref.apiVersion)) {
            throw ProviderException.invalidConfig("generatorRef apiVersion \"" + ref.apiVersion + "\" is not served; use "
                    + Generators.API_VERSION);
        }
        String kind = ref.kind.name();
        if ("ClusterGenerator".equals(kind)) {
            ClusterGenerator cg = lookup.find(ClusterGenerator.class, null, ref.name).orElseThrow(() ->
                    ProviderException.invalidConfig("ClusterGenerator \"" + ref.name + "\" not found"));
            return fromCluster(cg);
        }
        Class<? extends CustomResource<?, ?>> type = NAMESPACED.get(kind);
        if (type == null) {
            throw ProviderException.invalidConfig("generator kind \"" + kind + "\" is not supported by Coffer yet");
        }
        CustomResource<?, ?> found = lookup.find(type, namespace, ref.name).orElseThrow(() ->
                ProviderException.invalidConfig(kind + " \"" + ref.name + "\" not found in namespace \"" + namespace + "\""));
        return new ResolvedGenerator(kind, ref.name, false, generation(found), found.getSpec(), fingerprint(found.getSpec()));
    }

    /** The reference to the generator a status entry recorded (see {@link ResolvedGenerator#recordedKind}). */
    public static GeneratorRef refOf(String recordedKind, String name) {
        GeneratorRef ref = new GeneratorRef();
        ref.apiVersion = Generators.API_VERSION;
        ref.kind = GeneratorKind.valueOf(recordedKind.startsWith("ClusterGenerator") ? "ClusterGenerator" : recordedKind);
        ref.name = name;
        return ref;
    }

    private static ResolvedGenerator fromCluster(ClusterGenerator cg) {
        String name = cg.getMetadata().getName();
        if (cg.getSpec() == null || cg.getSpec().kind == null) {
            throw ProviderException.invalidConfig("ClusterGenerator \"" + name + "\" has no spec.kind");
        }
        String kind = cg.getSpec().kind.name();
        GeneratorSpec g = cg.getSpec().generator == null ? new GeneratorSpec() : cg.getSpec().generator;
        Wrapped wrapped = WRAPPED.get(kind);
        if (wrapped == null) {
            throw ProviderException.invalidConfig("ClusterGenerator \"" + name + "\": generator kind \"" + kind
                    + "\" is not supported by Coffer yet");
        }
        Object spec = wrapped.spec().apply(g);
        if (spec == null) {
            throw ProviderException.invalidConfig("ClusterGenerator \"" + name + "\" of kind " + kind
                    + " needs spec.generator." + wrapped.field());
        }
        return new ResolvedGenerator(kind, name, true, generation(cg), spec, fingerprint(spec));
    }

    private static long generation(HasMetadata h) {
        return h.getMetadata().getGeneration() == null ? 0 : h.getMetadata().getGeneration();
    }

    /** A short hash of the spec; it tells whether a generator changed since values were produced. */
    static String fingerprint(Object spec) {
        try {
            byte[] json = spec == null ? new byte[0] : SORTED.writeValueAsBytes(SORTED.convertValue(spec, Object.class));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a generator spec", e);
        }
    }
}
