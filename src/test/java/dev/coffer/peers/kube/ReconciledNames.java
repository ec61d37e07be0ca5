package dev.coffer.peers.kube;

import dev.coffer.testsupport.peers.OperatorJar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources one operator process has reconciled, as its Prometheus endpoint shows them: a
 * per-resource series (such as {@code externalsecret_reconcile_duration}) exists in a process
 * only once that process reconciled the resource.
 */
final class ReconciledNames {

    private static final Pattern NAME = Pattern.compile("[{,]name=\"([^\"]*)\"");
    private static final Pattern NAMESPACE = Pattern.compile("[{,]namespace=\"([^\"]*)\"");

    private ReconciledNames() {
    }

    /** The names in {@code namespace} that have a series of {@code metric} on {@code op}. */
    static Set<String> of(OperatorJar op, String metric, String namespace) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition(op).split("\n")) {
            if (!line.startsWith(metric + "{")) {
                continue;
            }
            String labels = line.substring(metric.length(), line.lastIndexOf('}') + 1);
            Matcher ns = NAMESPACE.matcher(labels);
            Matcher name = NAME.matcher(labels);
            if (ns.find() && ns.group(1).equals(namespace) && name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    private static String exposition(OperatorJar op) {
        try (InputStream in = URI.create(op.url("/metrics")).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
