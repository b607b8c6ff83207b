package dev.ism.function;

import io.micronaut.runtime.Micronaut;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local server ({@code mvn mn:run}): the same controllers the Lambda handlers serve, on Netty,
 * in environment {@code local} (application-local.properties: embedded DynamoDB Local, the dev-only files of
 * {@code dev/}, HTTPS with {@code ISM_TLS=true}), {@code ism.dev-dir} set to the repository's {@code dev/}.
 * Lambda never runs this class.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (System.getProperty("ism.dev-dir") == null) {
            System.setProperty("ism.dev-dir", devDir().toString());
        }
        Micronaut.build(args).mainClass(Application.class).defaultEnvironments("local").start();
    }

    /** {@code dev/} of the repository: in the working directory or above it (mn:run runs in function/). */
    static Path devDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("dev/auth"))) {
                return p.resolve("dev");
            }
        }
        return dir.resolve("dev");
    }
}
