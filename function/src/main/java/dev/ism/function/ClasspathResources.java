package dev.ism.function;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bytes of a resource packaged with the function; a missing one is a packaging fault. */
public final class ClasspathResources {

    private ClasspathResources() {
    }

    /** The resource at {@code path} (absolute, {@code /dev/ism/...}). */
    public static byte[] bytes(String path) {
        try (InputStream in = ClasspathResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
