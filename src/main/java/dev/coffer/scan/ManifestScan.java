package dev.coffer.scan;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Walks files and folders of YAML and JSON manifests (multi-document) and reports every
 * Kubernetes Secret that carries data, every value elsewhere that looks like a credential
 * ({@link ValueRules}), and the ExternalSecrets and SealedSecrets it saw. SealedSecrets'
 * {@code encryptedData} is ciphertext and is not judged.
 */
public final class ManifestScan {

    /** A plaintext Secret document, for sealing. */
    public record PlainSecret(Path file, int document, String text, String name) {
    }

    /** What a scan found. */
    public record Report(List<Finding> findings, List<SeenResource> seen, List<PlainSecret> plainSecrets, List<String> unreadable) {
    }

    private final double entropy;
    private final List<Finding> findings = new ArrayList<>();
    private final List<SeenResource> seen = new ArrayList<>();
    private final List<PlainSecret> plain = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();

    public ManifestScan(double entropy) {
        this.entropy = entropy;
    }

    public Report scan(List<Path> paths) {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(p + ": no such file or folder");
            }
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path f : walk.filter(Files::isRegularFile).filter(ManifestScan::isManifest).sorted().toList()) {
                    scanFile(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Report(List.copyOf(findings), List.copyOf(seen), List.copyOf(plain), List.copyOf(unreadable));
    }

    /** The file's text with some documents (by index) replaced; the others are kept as they were. */
    public static String replaceDocuments(String fileText, java.util.Map<Integer, String> replacements) {
        List<ManifestDocuments.Doc> docs = ManifestDocuments.split(fileText);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            texts.add(replacements.getOrDefault(i, docs.get(i).text()));
        }
        return ManifestDocuments.join(texts);
    }

    static boolean isManifest(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private void scanFile(Path f) throws IOException {
        String text = Files.readString(f);
        List<ManifestDocuments.Doc> docs = ManifestDocuments.split(text);
        for (int i = 0; i < docs.size(); i++) {
            ManifestDocuments.Doc doc = docs.get(i);
            Node root;
            try {
                root = new Yaml(new LoaderOptions()).compose(new StringReader(doc.text()));
            } catch (YAMLException e) {
                unreadable.add(f + ":" + (doc.firstLine() + 1) + ": not valid YAML or JSON");
                continue;
            }
            if (root instanceof MappingNode map) {
                scanDocument(f, i, doc, map);
            }
        }
    }

    private void scanDocument(Path f, int index, ManifestDocuments.Doc doc, MappingNode root) {
        String kind = scalar(root, "kind");
        String apiVersion = scalar(root, "apiVersion");
        Node metadata = child(root, "metadata");
        String name = metadata instanceof MappingNode m ? scalar(m, "name") : null;
        int line = doc.firstLine() + root.getStartMark().getLine() + 1;
        String file = f.toString();
        boolean secret = "Secret".equals(kind) && (apiVersion == null || apiVersion.equals("v1"));
        if (("ExternalSecret".equals(kind) || "SealedSecret".equals(kind) || "ClusterExternalSecret".equals(kind))) {
            seen.add(new SeenResource(file, line, kind, name));
        }
        boolean plainData = false;
        for (NodeTuple t : root.getValue()) {
            String key = keyOf(t);
            if (secret && (key.equals("data") || key.equals("stringData")) && t.getValueNode() instanceof MappingNode values) {
                for (NodeTuple v : values.getValue()) {
                    findings.add(new Finding(file, doc.firstLine() + v.getKeyNode().getStartMark().getLine() + 1, kind, name,
                            key + "." + keyOf(v), "plaintext-secret"));
                    plainData = true;
                }
                continue;
            }
            walk(file, doc, kind, name, key, key, t.getValueNode());
        }
        if (plainData) {
            plain.add(new PlainSecret(f, index, doc.text(), name));
        }
    }

    private void walk(String file, ManifestDocuments.Doc doc, String kind, String name, String path, String keyName, Node node) {
        if ("SealedSecret".equals(kind) && path.equals("spec.encryptedData")) {
            return;
        }
        if (node instanceof ScalarNode s) {
            ValueRules.match(keyName, s.getValue(), entropy).ifPresent(rule -> findings.add(
                    new Finding(file, doc.firstLine() + s.getStartMark().getLine() + 1, kind, name, path, rule)));
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                String k = keyOf(t);
                walk(file, doc, kind, name, path + "." + k, k, t.getValueNode());
            }
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                walk(file, doc, kind, name, path + "[" + i + "]", keyName, seq.getValue().get(i));
            }
        }
    }

    private static String keyOf(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
    }

    private static Node child(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (key.equals(keyOf(t))) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static String scalar(MappingNode m, String key) {
        return child(m, key) instanceof ScalarNode s ? s.getValue() : null;
    }
}
