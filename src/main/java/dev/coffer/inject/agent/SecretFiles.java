package dev.coffer.inject.agent;

import dev.coffer.inject.InjectedFile;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Writes rendered files into the secrets volume: whole or not at all (a temporary file renamed
 * over the old one, so an app never reads half a file), with the annotated mode (0644 by
 * default, as the Vault agent), and only when the content changed.
 */
public final class SecretFiles {

    private final Path directory;

    public SecretFiles(Path directory) {
        this.directory = directory;
    }

    /** @return true when the file was written (new or changed) */
    public boolean write(InjectedFile file, byte[] content) throws IOException {
        Path target = directory.resolve(file.fileName()).normalize();
        if (!target.startsWith(directory.normalize())) {
            throw new IOException("file name " + file.fileName() + " leaves the secrets directory");
        }
        Set<PosixFilePermission> mode = mode(file.perms());
        if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), content)
                && (mode == null || Files.getPosixFilePermissions(target).equals(mode))) {
            return false;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".coffer-", ".tmp");
        try {
            Files.write(tmp, content);
            if (mode != null) {
                Files.setPosixFilePermissions(tmp, mode);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    /** {@link #write}s the file, adding its name to {@code written} when it changed; a failure is one line for the agent. */
    void writeFor(InjectedFile file, byte[] content, java.util.List<String> written) throws SecretsAgent.AgentException {
        try {
            if (write(file, content)) {
                written.add(file.fileName());
            }
        } catch (IOException e) {
            throw new SecretsAgent.AgentException("file " + file.name() + ": cannot write " + file.fileName() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** {@code 0400} or {@code 400} as POSIX permissions; null for the file system's default. */
    static Set<PosixFilePermission> mode(String octal) {
        String o = octal == null || octal.isBlank() ? "0644" : octal;
        int bits = Integer.parseInt(o, 8);
        StringBuilder s = new StringBuilder();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((bits & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }
}
