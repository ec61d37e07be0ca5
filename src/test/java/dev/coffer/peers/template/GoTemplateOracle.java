package dev.coffer.peers.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.template.ConformanceTables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs template cases through the Go oracle (src/test/go/template-oracle: Go's text/template with
 * ESO's function map), all of them in one process: a JSON array of cases on stdin, a JSON array of
 * results on stdout.
 */
final class GoTemplateOracle {
    /** What Go did with one case: the bytes written, or the error text. */
    record Result(byte[] output, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoTemplateOracle() {
    }

    static List<Result> run(Path oracle, List<ConformanceTables.Case> cases) throws IOException, InterruptedException {
        ArrayNode input = JSON.createArrayNode();
        for (ConformanceTables.Case c : cases) {
            ObjectNode one = input.addObject();
            one.put("name", "t");
            one.put("template", c.template());
            one.set("data", JSON.valueToTree(c.data()));
            one.put("missingkey", "error");
        }
        Path stderr = Files.createTempFile("template-oracle", ".err");
        Process process = new ProcessBuilder(oracle.toString())
                .redirectError(stderr.toFile())
                .start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                JSON.writeValue(in, input);
            }
            JsonNode results = JSON.readTree(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || results == null
                    || results.size() != cases.size()) {
                throw new IllegalStateException("template oracle failed: " + Files.readString(stderr).strip());
            }
            List<Result> out = new ArrayList<>();
            for (JsonNode r : results) {
                out.add(r.hasNonNull("error")
                        ? new Result(null, r.get("error").asText())
                        : new Result(Base64.getDecoder().decode(r.get("output").asText()), null));
            }
            return out;
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(stderr);
        }
    }
}
