package dev.ism.function.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository that tests read, such as the recorded API Gateway events of {@code events/}. */
public final class RepoFiles {

    private RepoFiles() {
    }

    /** The repository's root: the folder with {@code template.yaml} and {@code function/}, at or above the working directory. */
    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isDirectory(p.resolve("function"))) {
                return p;
            }
        }
        throw new IllegalStateException("no template.yaml at or above " + Path.of("").toAbsolutePath());
    }

    /** A recorded API Gateway event, {@code events/<file>}, as text. */
    public static String event(String file) {
        try {
            return Files.readString(root().resolve("events").resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
