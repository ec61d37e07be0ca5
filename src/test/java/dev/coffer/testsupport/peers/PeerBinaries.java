package dev.coffer.testsupport.peers;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds the real programs that {@code peers/build} put in the cache, keyed by the pins in
 * {@code peers/versions.env}. A test of the {@code peers} tier (tagged {@code @Tag("peers")}) asks for what it needs with
 * {@link #require}; when a program is missing the test is skipped, and one line naming the
 * missing binary and the command that builds it is printed once.
 */
public final class PeerBinaries {

    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private PeerBinaries() {
    }

    /** The cache folder: {@code $COFFER_PEERS_CACHE}, else {@code ~/.cache/coffer/peers}. */
    public static Path cache() {
        String configured = System.getenv("COFFER_PEERS_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "coffer", "peers");
    }

    /** The pins in {@code peers/versions.env} (KEY=VALUE lines). */
    public static Map<String, String> pins() {
        Path file = repoRoot().resolve("peers/versions.env");
        Map<String, String> pins = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                int eq = trimmed.indexOf('=');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || eq < 0) {
                    continue;
                }
                pins.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return pins;
    }

    /** The pinned version of a peer: {@code kube-apiserver} → {@code KUBE_APISERVER_VERSION}. */
    public static String version(String peer) {
        String key = peer.toUpperCase().replace('-', '_') + "_VERSION";
        String version = pins().get(key);
        if (version == null) {
            throw new IllegalStateException("peers/versions.env has no " + key);
        }
        return version;
    }

    /** Where the peer is cached: {@code <cache>/<peer>-<version>}. */
    public static Path home(String peer, String version) {
        return cache().resolve(peer + "-" + version);
    }

    /** The binary {@code bin/<binary>} of a pinned peer, if it was built. */
    public static java.util.Optional<Path> find(String peer, String binary) {
        return find(peer, version(peer), binary);
    }

    public static java.util.Optional<Path> find(String peer, String version, String binary) {
        Path home = home(peer, version);
        Path bin = home.resolve("bin").resolve(binary);
        return Files.isRegularFile(home.resolve(".built")) && Files.isExecutable(bin)
                ? java.util.Optional.of(bin) : java.util.Optional.empty();
    }

    /** The binary of a pinned peer; skips the calling test (with one line) when it is missing. */
    public static Path require(String peer, String binary) {
        return require(peer, version(peer), binary);
    }

    public static Path require(String peer, String version, String binary) {
        java.util.Optional<Path> found = find(peer, version, binary);
        if (found.isEmpty()) {
            String line = "peers: skipped, missing " + binary + " (" + peer + " " + version + ", looked in "
                    + home(peer, version) + "); build it with: peers/build " + peer;
            if (REPORTED.add(peer + "/" + binary)) {
                System.err.println(line);
            }
            Assumptions.abort(line);
        }
        return found.get();
    }

    /**
     * The version of a peer built from sources in this repository: sha256 over the lines
     * {@code "<sha256 hex of file>  <path relative to dir>\n"} of every file under {@code dir},
     * sorted by path, cut to 16 hex digits. The recipe's {@code tree_hash} computes the same.
     */
    public static String sourceTreeHash(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<String> files = walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace(File.separatorChar, '/'))
                    .sorted(Comparator.comparing(
                            (String p) -> p.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned))
                    .toList();
            StringBuilder lines = new StringBuilder();
            for (String file : files) {
                lines.append(sha256Hex(Files.readAllBytes(dir.resolve(file)))).append("  ").append(file).append('\n');
            }
            return sha256Hex(lines.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + dir, e);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository root: the working folder of the test JVM (Maven runs tests from the project). */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("peers/versions.env"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("peers/versions.env not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
