package dev.coffer.peers.kubeseal;

import dev.coffer.testsupport.peers.PeerBinaries;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubeseal (peers/build kubeseal): arguments and stdin in, exit code and output out.
 * Hermetic: HOME is a scratch folder, and no KUBECONFIG or SEALED_SECRETS_* variable leaks in.
 * Every run is bounded in time and its process is ended if it overstays.
 */
final class KubesealProcess {

    record Result(int code, String out, String err) {
    }

    private final Path binary;
    private final Path home;

    KubesealProcess(Path home) {
        this.binary = PeerBinaries.require("kubeseal", "kubeseal");
        this.home = home;
    }

    Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("SEALED_SECRETS_") || k.equals("KUBECONFIG"));
        builder.environment().put("HOME", home.toString());
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("kubeseal did not finish in 60 s: " + args[0]);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    String version() throws IOException, InterruptedException {
        return run("", "--version").out().strip();
    }
}
