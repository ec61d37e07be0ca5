package dev.coffer.secretenv;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Writes secret material readable by the owner only: the file is created with mode 0600 (and a
 * folder with 0700) before any byte goes in, so there is no moment another user could open it.
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Writes (or replaces) one file with mode 0600. */
    public static void write(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".coffer-tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, content, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One file per key in {@code dir} (created 0700 if absent), each 0600; keys must be plain file names. */
    public static void writeAll(Path dir, Map<String, byte[]> files) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                throw new IllegalArgumentException("--files " + dir + " is not a folder");
            }
        }
        for (String key : files.keySet()) {
            if (key.isEmpty() || key.equals(".") || key.equals("..") || key.contains("/")) {
                throw new IllegalArgumentException("key \"" + key + "\" cannot be a file name");
            }
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            write(dir.resolve(e.getKey()), e.getValue());
        }
    }
}
