package dev.coffer.peers.kube;

import dev.coffer.testsupport.peers.OperatorJar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The sealing counters of a running operator, read from its Prometheus endpoint. */
record Scrape(long keys, long unsealRequests, long rsaOperations) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Scrape of(OperatorJar op) {
        String text;
        try {
            text = HTTP.send(HttpRequest.newBuilder(URI.create(op.url("/metrics"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Scrape(sum(text, "coffer_sealing_keys"), sum(text, "sealed_secrets_controller_unseal_requests_total"),
                sum(text, "coffer_sealing_rsa_operations_total"));
    }

    /** The sum over every series of one metric (0 when it has none yet). */
    static long sum(String exposition, String name) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(total);
    }
}
