package dev.coffer.sealing.kubeseal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A file problem in words for the one line a user sees ("certificate file not found: PATH"),
 * never a Java exception name. The text names the file only, never its content.
 */
public final class IoMessages {

    private IoMessages() {
    }

    /**
     * @param what what the file is for, e.g. "certificate file", "input file"
     * @param path the path as the user gave it
     */
    public static String of(String what, String path, IOException e) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return what + " not found: " + path;
        }
        if (e instanceof AccessDeniedException) {
            return what + " not readable (permission denied): " + path;
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return what + " " + path + ": " + fs.getReason();
        }
        return "cannot read " + what + " " + path;
    }
}
