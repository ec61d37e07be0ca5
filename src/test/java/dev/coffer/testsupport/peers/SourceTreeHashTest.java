package dev.coffer.testsupport.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java side must find the very folder that {@code peers/build} put a source-built peer in:
 * {@link PeerBinaries#sourceTreeHash} and the recipe's {@code tree_hash} agree, and the hash
 * changes with any file's content or name.
 */
class SourceTreeHashTest {
    @TempDir
    Path dir;

    @Test
    void javaAndTheRecipeComputeTheSameHash() throws Exception {
        Files.writeString(dir.resolve("main.go"), "package main\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.txt"), "two words\n");
        Files.writeString(dir.resolve("go.mod"), "module x\n");

        assertThat(PeerBinaries.sourceTreeHash(dir)).hasSize(16).isEqualTo(recipeHash(dir));
    }

    @Test
    void theHashFollowsContentAndNames() throws Exception {
        Files.writeString(dir.resolve("a.go"), "one");
        String before = PeerBinaries.sourceTreeHash(dir);
        Files.writeString(dir.resolve("a.go"), "two");
        String edited = PeerBinaries.sourceTreeHash(dir);
        Files.move(dir.resolve("a.go"), dir.resolve("b.go"));
        String renamed = PeerBinaries.sourceTreeHash(dir);

        assertThat(edited).isNotEqualTo(before);
        assertThat(renamed).isNotEqualTo(edited);
    }

    @Test
    void theOracleFolderHashesAsTheRecipeSays() throws Exception {
        Path oracle = PeerBinaries.repoRoot().resolve("src/test/go/template-oracle");
        assertThat(PeerBinaries.sourceTreeHash(oracle)).isEqualTo(recipeHash(oracle));
    }

    private static String recipeHash(Path dir) throws Exception {
        Path recipe = PeerBinaries.repoRoot().resolve("peers/recipes/template-oracle.sh");
        Process p = new ProcessBuilder("bash", "-c", "source \"$1\" && tree_hash \"$2\"", "bash",
                recipe.toString(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
