package dev.coffer.peers.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.deploy.CofferChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's process as the chart's Deployment and the image start it, for a benchmark that
 * runs the packaged jar outside a container: the memory limit becomes {@code -XX:MaxRAM} (what the
 * JVM reads from the cgroup), the image's {@code JAVA_TOOL_OPTIONS} and the container's literal
 * environment ({@code JDK_JAVA_OPTIONS}, {@code MALLOC_ARENA_MAX}, the client limits) are passed
 * as they are. Values the kubelet fills in ({@code valueFrom}, {@code $(VAR)}) are left out.
 */
record ChartContainer(String memoryLimit, Map<String, String> env) {

    private static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final Pattern TOOL_OPTIONS = Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"");

    static ChartContainer rendered(Map<String, ?> values) {
        ObjectNode deployment = CofferChart.render(CofferChart.RELEASE, values).stream()
                .filter(d -> d.path("kind").asText().equals("Deployment")).findFirst()
                .orElseThrow(() -> new AssertionError("the chart rendered no Deployment"));
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_TOOL_OPTIONS", imageToolOptions());
        for (JsonNode var : container.path("env")) {
            if (var.has("value") && !var.path("value").asText().contains("$(")) {
                env.put(var.path("name").asText(), var.path("value").asText());
            }
        }
        return new ChartContainer(container.at("/resources/limits/memory").asText(), env);
    }

    /** {@code -XX:MaxRAM} for the container's memory limit (512Mi: 512m). */
    String maxRam() {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(memoryLimit);
        if (!m.matches()) {
            throw new AssertionError("unexpected memory limit in the chart: " + memoryLimit);
        }
        return "-XX:MaxRAM=" + m.group(1) + (m.group(2).equals("Gi") ? "g" : "m");
    }

    int intEnv(String name) {
        return Integer.parseInt(env.get(name));
    }

    private static String imageToolOptions() {
        try {
            Matcher m = TOOL_OPTIONS.matcher(Files.readString(DOCKERFILE));
            if (!m.find()) {
                throw new AssertionError(DOCKERFILE + " sets no JAVA_TOOL_OPTIONS");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "memory limit " + memoryLimit + ", " + env.entrySet().stream()
                .filter(e -> List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "MALLOC_ARENA_MAX").contains(e.getKey()))
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"").reduce((a, b) -> a + ", " + b).orElse("");
    }
}
