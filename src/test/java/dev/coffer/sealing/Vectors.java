package dev.coffer.sealing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.keys.KeySecrets;
import dev.coffer.sealing.kubeseal.Documents;
import io.fabric8.kubernetes.api.model.Secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shared SealedSecret vectors ({@code ../shared/vectors/sealed-secrets}); tests skip where they are absent. */
public final class Vectors {

    public static final Path DIR = Path.of("..", "shared", "vectors", "sealed-secrets");

    private Vectors() {
    }

    public static void assumePresent() {
        assumeTrue(Files.isDirectory(DIR), "shared vectors not present at " + DIR.toAbsolutePath());
    }

    public static List<SealingKey> keys() throws Exception {
        assumePresent();
        List<SealingKey> keys = new ArrayList<>();
        for (var node : Documents.read(Files.readString(DIR.resolve("keys.yaml")), "keys.yaml")) {
            keys.add(KeySecrets.read(Documents.as(node, Secret.class)));
        }
        return keys;
    }

    public static SealedSecret sealed(String name) throws IOException {
        assumePresent();
        return Documents.readOne(Files.readString(DIR.resolve("sealed").resolve(name + ".yaml")), name, SealedSecret.class);
    }

    public static JsonNode expected() throws IOException {
        assumePresent();
        return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
    }
}
