package dev.coffer.peers.kube;

import dev.coffer.testsupport.peers.OperatorJar;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's syncs over time: its {@code externalsecret_sync_calls_total} (every sync is one
 * provider fetch), scraped once a second.
 */
record SyncTimeline(List<Sample> samples) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Sample(Instant at, long syncs) {
    }

    /** Scrapes until {@code until}, or earlier once {@code expected} syncs were counted after {@code due}. */
    static SyncTimeline record(OperatorJar op, Instant due, Instant until, int expected) {
        List<Sample> samples = new ArrayList<>();
        long[] atDue = {-1};
        Awaitility.await().atMost(Duration.between(Instant.now(), until).plusMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Sample s = new Sample(Instant.now(), syncs(op));
                    samples.add(s);
                    if (atDue[0] < 0 && !s.at().isBefore(due)) {
                        atDue[0] = samples.size() > 1 ? samples.get(samples.size() - 2).syncs() : 0;
                    }
                    return !s.at().isBefore(until) || (atDue[0] >= 0 && s.syncs() - atDue[0] >= expected);
                });
        return new SyncTimeline(samples);
    }

    static long syncs(OperatorJar op) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create(op.url("/metrics"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return Scrape.sum(text, "externalsecret_sync_calls_total");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Syncs counted before {@code due}. */
    long before(Instant due) {
        return samples.stream().filter(s -> s.at().isBefore(due)).mapToLong(Sample::syncs).max().orElse(0);
    }

    long after(Instant due) {
        return last() - before(due);
    }

    /** Seconds from the first to the last sync after {@code due}. */
    double spreadSeconds(Instant due) {
        long base = before(due);
        Instant first = null;
        Instant lastChange = null;
        long previous = base;
        for (Sample s : samples) {
            if (s.at().isBefore(due)) {
                continue;
            }
            if (s.syncs() > previous) {
                if (first == null) {
                    first = s.at();
                }
                lastChange = s.at();
            }
            previous = s.syncs();
        }
        return first == null ? 0 : Duration.between(first, lastChange).toMillis() / 1e3;
    }

    /** The largest number of syncs within any {@code window} after {@code due}. */
    long maxIn(Duration window, Instant due) {
        long max = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample from = samples.get(i);
            if (from.at().isBefore(due)) {
                continue;
            }
            for (int j = i; j < samples.size() && !samples.get(j).at().isAfter(from.at().plus(window)); j++) {
                max = Math.max(max, samples.get(j).syncs() - from.syncs());
            }
        }
        return max;
    }

    private long last() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).syncs();
    }
}
