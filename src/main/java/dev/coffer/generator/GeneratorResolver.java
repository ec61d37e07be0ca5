package dev.coffer.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coffer.api.externalsecrets.v1.GeneratorKind;
import dev.coffer.api.externalsecrets.v1.GeneratorRef;
import dev.coffer.api.generators.v1alpha1.ClusterGenerator;
import dev.coffer.api.generators.v1alpha1.GeneratorSpec;
import dev.coffer.api.generators.v1alpha1.Generators;
import dev.coffer.api.generators.v1alpha1.Password;
import dev.coffer.api.generators.v1alpha1.UUID;
import dev.coffer.api.generators.v1alpha1.VaultDynamicSecret;
import dev.coffer.provider.ProviderException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Finds the generator a {@code generatorRef} names: a namespaced generator in the
 * ExternalSecret's namespace, or a ClusterGenerator, whose wrapped spec must match its kind.
 */
public final class GeneratorResolver {

    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Map<String, Class<? extends CustomResource<?, ?>>> NAMESPACED = Map.of(
            "Password", Password.class, "UUID", UUID.class, "VaultDynamicSecret", VaultDynamicSecret.class);

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
        Object spec = switch (kind) {
            case "Password" -> g.passwordSpec;
            case "UUID" -> g.uuidSpec == null ? new dev.coffer.api.generators.v1alpha1.UUIDSpec() : g.uuidSpec;
            case "VaultDynamicSecret" -> g.vaultDynamicSecretSpec;
            default -> throw ProviderException.invalidConfig("ClusterGenerator \"" + name + "\": generator kind \"" + kind
                    + "\" is not supported by Coffer yet");
        };
        if (spec == null) {
            throw ProviderException.invalidConfig("ClusterGenerator \"" + name + "\" of kind " + kind
                    + " needs spec.generator." + Character.toLowerCase(kind.charAt(0)) + kind.substring(1) + "Spec");
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
