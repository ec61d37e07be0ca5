package dev.coffer.peers.kube;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own count of requests served ({@code apiserver_request_total} on its
 * {@code /metrics}), by verb and resource: what a batch cost in API traffic, whoever sent it.
 */
record ApiRequestCounts(Map<String, Long> byVerbAndResource) {

    private static final Pattern LINE = Pattern.compile("^apiserver_request_total\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    static ApiRequestCounts scrape(KubernetesClient admin) {
        String text = admin.raw(admin.getMasterUrl().toString().replaceAll("/$", "") + "/metrics");
        return parse(text == null ? "" : text);
    }

    static ApiRequestCounts parse(String metrics) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : metrics.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher l = LABEL.matcher(m.group(1));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            String resource = labels.getOrDefault("resource", "")
                    + (labels.getOrDefault("subresource", "").isEmpty() ? "" : "/" + labels.get("subresource"));
            counts.merge(labels.getOrDefault("verb", "?") + " " + resource, (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return new ApiRequestCounts(counts);
    }

    /** The requests served since {@code before}, for the given resources only (for example secrets, events). */
    ApiRequestCounts since(ApiRequestCounts before, String... resources) {
        Map<String, Long> out = new TreeMap<>();
        byVerbAndResource.forEach((key, count) -> {
            String resource = key.substring(key.indexOf(' ') + 1);
            for (String wanted : resources) {
                if (resource.equals(wanted) || resource.startsWith(wanted + "/")) {
                    long delta = count - before.byVerbAndResource.getOrDefault(key, 0L);
                    if (delta > 0 && !key.startsWith("WATCH")) {
                        out.put(key, delta);
                    }
                }
            }
        });
        return new ApiRequestCounts(out);
    }

    long total() {
        return byVerbAndResource.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Per resource, for example {@code "GET secrets 1.00, POST events 1.00"} per SealedSecret. */
    String per(int resources, String noun) {
        StringBuilder out = new StringBuilder();
        byVerbAndResource.forEach((key, count) -> out.append(out.isEmpty() ? "" : ", ")
                .append(String.format("%s %.2f", key, (double) count / resources)));
        return String.format("%.2f API requests per %s (%s)", (double) total() / resources, noun, out);
    }
}
