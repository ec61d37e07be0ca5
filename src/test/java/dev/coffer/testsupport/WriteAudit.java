package dev.coffer.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records, in order, every write each client makes to a resource of one plural (for example
 * {@code secrets}): which client, which resource. Install one interceptor per client
 * ({@link #interceptor(String)}); tests then ask who wrote what, and in which order.
 */
public final class WriteAudit {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One write: a sequence number, the writer, and namespace/name of the resource. */
    public record Write(long seq, String writer, String resource) {
    }

    private final Pattern path;
    private final List<Write> writes = new ArrayList<>();

    /** Audits writes to {@code /namespaces/NS/PLURAL[/NAME[/status]]}. */
    public WriteAudit(String plural) {
        this.path = Pattern.compile("/namespaces/([^/]+)/" + Pattern.quote(plural) + "(?:/([^/?]+))?(?:/status)?$");
    }

    public Interceptor interceptor(String writer) {
        return new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                if (!WRITES.contains(request.method())) {
                    return;
                }
                Matcher m = path.matcher(request.uri().getPath());
                if (m.find()) {
                    String name = m.group(2) != null ? m.group(2) : nameInBody(request.bodyString());
                    record(writer, m.group(1) + "/" + name);
                }
            }
        };
    }

    private static String nameInBody(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("metadata").path("name").asText();
        } catch (Exception e) {
            return "?";
        }
    }

    private synchronized void record(String writer, String resource) {
        writes.add(new Write(writes.size(), writer, resource));
    }

    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    /** Per resource, its writers in order, with repeats of one writer folded: [a, b] means a, then only b. */
    public synchronized Map<String, List<String>> writerRuns() {
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (Write w : writes) {
            List<String> run = runs.computeIfAbsent(w.resource(), k -> new ArrayList<>());
            if (run.isEmpty() || !run.get(run.size() - 1).equals(w.writer())) {
                run.add(w.writer());
            }
        }
        return runs;
    }

    /** The writes made after {@code mark} (a count taken earlier from {@link #writes()}). */
    public synchronized List<Write> since(int mark) {
        return List.copyOf(writes.subList(mark, writes.size()));
    }
}
