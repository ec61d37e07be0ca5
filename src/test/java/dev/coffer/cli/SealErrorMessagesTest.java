package dev.coffer.cli;

import dev.coffer.sealing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** #19 defect 11: file problems are said in words, in one line, never as a Java exception name. */
class SealErrorMessagesTest {

    static final String SECRET = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"a\",\"namespace\":\"b\"},\"data\":{\"k\":\"eA==\"}}";

    @TempDir
    Path dir;

    static void oneLineInWords(SealCli.Run run, String expected) {
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.errorLine()).isEqualTo("coffer: " + expected).doesNotContain("Exception");
    }

    @Test
    void missingFilesAreNamedInWords() throws Exception {
        SealCli cli = new SealCli(dir);
        String missing = dir.resolve("nope.pem").toString();
        oneLineInWords(cli.run(SECRET, "--cert", missing), "certificate file not found: " + missing);
        oneLineInWords(cli.run("", "--cert", cli.cert(TestKeys.key(0)), "-f", missing), "input file not found: " + missing);
        oneLineInWords(cli.run(SECRET, "--recovery-unseal", "--recovery-private-key", missing),
                "private key file not found: " + missing);
        oneLineInWords(cli.run("", "--raw", "--cert", cli.cert(TestKeys.key(0)), "-n", "b", "--name", "a", "--from-file", missing),
                "--from-file not found: " + missing);
        oneLineInWords(cli.run(SECRET, "--cert", cli.cert(TestKeys.key(0)), "--merge-into", missing),
                "--merge-into file not found: " + missing);
        oneLineInWords(cli.run(SECRET, "--cert", cli.cert(TestKeys.key(0)), "--kubeconfig", missing),
                "kubeconfig not found: " + missing);
    }

    @Test
    void aDirectoryOrAnUnreachableUrlIsSaidInWords() throws Exception {
        SealCli cli = new SealCli(dir);
        SealCli.Run directory = cli.run(SECRET, "--cert", dir.toString());
        assertThat(directory.code()).isEqualTo(1);
        assertThat(directory.errorLine()).contains(dir.toString()).doesNotContain("Exception");
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + closed.getLocalPort() + "/v1/cert.pem";
            closed.close();
            SealCli.Run refused = cli.run(SECRET, "--cert", url);
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.errorLine()).startsWith("coffer: cannot fetch certificate " + url).doesNotContain("Exception");
        }
    }
}
