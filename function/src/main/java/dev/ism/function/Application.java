package dev.ism.function;

import dev.ism.function.config.Unset;
import dev.ism.function.server.DevTls;
import io.micronaut.runtime.Micronaut;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local server ({@code mvn mn:run}): the same controllers the Lambda handlers serve, on Netty,
 * in environment {@code local} (embedded DynamoDB Local, the dev-only files of {@code dev/}); with
 * {@code ISM_TLS=true}, over HTTPS on {@code ISM_TLS_PORT} (8443) with the dev certificate of {@link DevTls}.
 * Lambda never runs this class.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (System.getProperty("ism.dev-dir") == null) {
            System.setProperty("ism.dev-dir", devDir().toString());
        }
        Micronaut micronaut = Micronaut.build(args).mainClass(Application.class).defaultEnvironments("local");
        if (Unset.flag(System.getenv("ISM_TLS"), false)) {
            // HTTPS with the dev certificate of <repository>/.tls (made on first start), for kubectl: dev/kubeconfig
            Path tlsDir = Path.of(System.getProperty("ism.dev-dir")).toAbsolutePath().getParent().resolve(".tls");
            int port = Integer.parseInt(Unset.or(System.getenv("ISM_TLS_PORT"), "8443").strip());
            micronaut.properties(DevTls.serverProperties(tlsDir, port));
        }
        micronaut.start();
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
