package dev.coffer.peers.kubeseal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.api.sealedsecrets.v1alpha1.SealedSecret;
import dev.coffer.sealing.KeyPem;
import dev.coffer.sealing.SealedSecretUnsealer;
import dev.coffer.sealing.SealingKey;
import dev.coffer.sealing.TestKeys;
import dev.coffer.sealing.kubeseal.Documents;
import dev.coffer.sealing.kubeseal.StrictYaml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #19's inputs through the real kubeseal and through Coffer's {@code seal}, with the same
 * certificate, kubeconfig and flags: every output field must be the same except the ciphertext,
 * and the ciphertexts must decrypt to the same values. Failures must fail both.
 */
@Tag("peers")
class KubesealComparisonTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CW = "\"sealedsecrets.bitnami.com/cluster-wide\":\"true\"";

    @TempDir
    Path dir;

    KubesealProcess kubeseal;
    final SealingKey key = TestKeys.key(0);
    String cert;
    String kubeconfig;

    @BeforeEach
    void files() throws Exception {
        kubeseal = new KubesealProcess(dir);
        cert = Files.writeString(dir.resolve("cert.pem"), KeyPem.encode(key.certificate())).toString();
        kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                current-context: dev
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
                contexts: [{name: dev, context: {cluster: c, user: u, namespace: team-a}}]
                users: [{name: u, user: {token: t}}]
                """).toString();
    }

    static String secret(String namespace, String name, String annotations, String labels) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"%s\"%s,\"labels\":{%s},\"annotations\":{%s}},"
                + "\"type\":\"kubernetes.io/basic-auth\",\"data\":{\"password\":\"c2VrcmV0\",\"1\":\"eA==\"},"
                + "\"stringData\":{\"username\":\"app\"}}")
                .formatted(name, namespace.isEmpty() ? "" : ",\"namespace\":\"" + namespace + "\"", labels, annotations);
    }

    static final String TRICKY = "\"tier\":\"1\",\"ratio\":\"1.5\",\"hex\":\"0x1F\",\"on\":\"true\",\"yes\":\"yes\",\"off\":\"off\","
            + "\"nul\":\"null\",\"date\":\"2024-01-01\",\"octal\":\"0755\",\"exp\":\"1e3\",\"neg\":\"-1\",\"inf\":\".inf\",\"empty\":\"\"";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("number-like labels and annotations, YAML", secret("prod", "db", TRICKY, TRICKY), List.of("-o", "yaml")),
                Arguments.of("number-like labels and annotations, JSON", secret("prod", "db", TRICKY, TRICKY), List.of()),
                Arguments.of("no namespace: the context's", secret("", "db", "", ""), List.of("-o", "yaml")),
                Arguments.of("no namespace: -n", secret("", "db", "", ""), List.of("-n", "flagns")),
                Arguments.of("cluster-wide without namespace", secret("", "db", CW, ""), List.of("-o", "yaml")),
                Arguments.of("--scope cluster-wide without namespace", secret("", "db", "", ""), List.of("--scope", "cluster-wide")),
                Arguments.of("--scope namespace-wide replaces cluster-wide", secret("prod", "db", CW, ""),
                        List.of("--scope", "namespace-wide", "-o", "yaml")),
                Arguments.of("last-applied annotations stripped", secret("prod", "db",
                        "\"kubectl.kubernetes.io/last-applied-configuration\":\"{plain}\","
                                + "\"kubecfg.ksonnet.io/last-applied-configuration\":\"{plain}\",\"keep\":\"me\"", ""), List.of()),
                Arguments.of("multi-document YAML", secret("prod", "a", "", "") + "\n---\n" + secret("", "b", "", ""),
                        List.of("-o", "yaml")),
                Arguments.of("multi-document JSON", secret("prod", "a", "", "") + "\n" + secret("prod", "b", "", ""), List.of()),
                Arguments.of("-w out.yaml with -o json", secret("prod", "db", "", ""), List.of("-o", "json", "-w", "{OUT}.yaml")),
                Arguments.of("--merge-into", secret("prod", "db", "\"added\":\"2\"", "\"added\":\"3\""), List.of("--merge-into", "{MERGE}")),
                Arguments.of("namespace mismatch fails", secret("secretns", "db", "", ""), List.of("-n", "flagns")),
                Arguments.of("no data fails", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"e\",\"namespace\":\"n\"}}",
                        List.of()));
    }

    record Output(int code, String text, String err) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kubesealAndCofferAgree(String name, String input, List<String> flags) throws Exception {
        Output theirs = kubesealRun(input, flags);
        Output ours = cofferRun(input, flags);
        if (theirs.code() != 0) {
            assertThat(ours.code()).as("kubeseal failed (%s), Coffer did not", theirs.err().strip()).isNotZero();
            return;
        }
        assertThat(theirs.code()).as(theirs.err()).isZero();
        assertThat(ours.code()).as(ours.err()).isZero();
        boolean yaml = theirs.text().startsWith("---");
        assertThat(ours.text().startsWith("---")).as("both YAML or both JSON").isEqualTo(yaml);
        List<ObjectNode> theirDocs = Documents.read(theirs.text(), "kubeseal");
        List<ObjectNode> ourDocs = Documents.read(ours.text(), "coffer");
        assertThat(ourDocs).hasSameSizeAs(theirDocs);
        if (yaml) {
            assertThat(StrictYaml.readAll(theirs.text(), SealedSecret.class)).hasSize(theirDocs.size());
            assertThat(StrictYaml.readAll(ours.text(), SealedSecret.class)).hasSize(ourDocs.size());
        }
        for (int i = 0; i < theirDocs.size(); i++) {
            assertThat(comparable(ourDocs.get(i))).as("document %d without ciphertext", i).isEqualTo(comparable(theirDocs.get(i)));
            assertThat(decrypted(ourDocs.get(i))).as("document %d decrypted", i).isEqualTo(decrypted(theirDocs.get(i)));
        }
    }

    Output kubesealRun(String input, List<String> flags) throws Exception {
        Path work = Files.createDirectories(dir.resolve("kubeseal"));
        List<String> args = withFiles(flags, work, input);
        args.addAll(0, List.of("--cert", cert, "--kubeconfig", kubeconfig));
        KubesealProcess.Result r = kubeseal.run(input, args.toArray(String[]::new));
        return new Output(r.code(), resultText(flags, work, r.out()), r.err());
    }

    Output cofferRun(String input, List<String> flags) throws Exception {
        Path work = Files.createDirectories(dir.resolve("coffer"));
        List<String> args = withFiles(flags, work, input);
        args.addAll(0, List.of("seal", "--cert", cert, "--kubeconfig", kubeconfig));
        KubesealPeerTest.Run r = KubesealPeerTest.coffer(input, args.toArray(String[]::new));
        return new Output(r.code(), resultText(flags, work, r.out()), r.err());
    }

    /** Each tool writes its own files: {OUT} and {MERGE} (a copy of one SealedSecret, sealed once beforehand). */
    List<String> withFiles(List<String> flags, Path work, String input) throws Exception {
        List<String> out = new ArrayList<>();
        for (String flag : flags) {
            if (flag.equals("{MERGE}")) {
                Files.writeString(work.resolve("merge.json"), mergeTarget());
            }
            out.add(flag.replace("{OUT}", work.resolve("out").toString()).replace("{MERGE}", work.resolve("merge.json").toString()));
        }
        return out;
    }

    private String mergeTarget;

    String mergeTarget() throws Exception {
        if (mergeTarget == null) {
            mergeTarget = kubeseal.run(secret("prod", "db", "\"old\":\"1\"", "\"old\":\"1\"").replace("password", "oldkey"),
                    "--cert", cert).out();
        }
        return mergeTarget;
    }

    static String resultText(List<String> flags, Path work, String stdout) throws Exception {
        if (flags.contains("--merge-into")) {
            return Files.readString(work.resolve("merge.json"));
        }
        Path out = work.resolve("out.yaml");
        return flags.contains("-w") ? Files.readString(out) : stdout;
    }

    /** The document without what differs by design: the ciphertext (entry names kept), nulls, empty maps. */
    static JsonNode comparable(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        JsonNode encrypted = copy.path("spec").path("encryptedData");
        if (encrypted.isObject()) {
            ObjectNode names = JSON.createObjectNode();
            encrypted.fieldNames().forEachRemaining(k -> names.put(k, "<sealed>"));
            ((ObjectNode) copy.get("spec")).set("encryptedData", names);
        }
        prune(copy);
        return copy;
    }

    private static void prune(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                prune(e.getValue());
                if (e.getValue().isNull() || e.getValue().isObject() && e.getValue().isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    Map<String, String> decrypted(ObjectNode node) throws Exception {
        SealedSecret sealed = Documents.as(node, SealedSecret.class);
        Map<String, String> out = new LinkedHashMap<>();
        SealedSecretUnsealer.unseal(sealed, List.of(key)).values().forEach((k, v) -> out.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }
}
