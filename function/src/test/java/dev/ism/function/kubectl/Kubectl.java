package dev.ism.function.kubectl;

import dev.ism.function.server.DevTls;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl against the function over HTTPS: an embedded server with the dev TLS certificate
 * (made by {@link DevTls} in a temporary directory) on a random port, and a kubeconfig of its own
 * (the dev tokens, one context per user) in a temporary HOME, so nothing of the machine's kubectl
 * setup is read or written. Without a kubectl on the PATH the tests fail, saying how to get one.
 */
final class Kubectl implements AutoCloseable {

    static final String MISSING = "kubectl is not on the PATH: these end-to-end tests drive the real kubectl (1.32 here)."
            + " Install it from the Kubernetes package repository (https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/)"
            + " or point -Dism.kubectl=/path/to/kubectl at one. Debian's own kubernetes-client package is kubectl 1.20,"
            + " too old: it predates OpenAPI v3 and server-side field validation.";

    /** What a kubectl run printed. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private final Path binary;
    private final Path home;
    private final Path kubeconfig;
    private final ApplicationContext context;
    private final EmbeddedServer server;

    Kubectl(Path binary, Path dir) {
        this.binary = binary;
        Path tls = dir.resolve("tls");
        context = ApplicationContext.builder().environments("test").properties(DevTls.serverProperties(tls, -1)).start();
        server = context.getBean(EmbeddedServer.class).start();
        home = dir.resolve("home");
        kubeconfig = home.resolve(".kube/config");
        try {
            Files.createDirectories(kubeconfig.getParent());
            Files.writeString(kubeconfig, kubeconfig(server.getURI().toString(), tls.resolve(DevTls.CERTIFICATE)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kubectl found ({@link #find}) against a server of its own in {@code dir}; fails the test without one. */
    static Kubectl start(Path dir) {
        Path found = find().orElseThrow(() -> new AssertionError(MISSING));
        return new Kubectl(found, dir);
    }

    /** kubectl from {@code -Dism.kubectl}, else the first on the PATH. */
    static Optional<Path> find() {
        String configured = System.getProperty("ism.kubectl");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    String server() {
        return server.getURI().toString();
    }

    /** Runs kubectl with {@code args} (as context {@code registry} unless they say otherwise). */
    Run run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("HOME", home.toString());
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("PATH", "/usr/bin:/bin");
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file in the temporary HOME, for bodies the tests write. */
    Path write(String name, String content) {
        try {
            return Files.writeString(home.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String kubeconfig(String server, Path certificate) {
        StringBuilder s = new StringBuilder();
        s.append("apiVersion: v1\nkind: Config\nclusters:\n- name: ism\n  cluster:\n    server: ").append(server)
                .append("\n    certificate-authority: ").append(certificate.toAbsolutePath()).append("\nusers:\n");
        String[][] users = {{"registry", "dev-registry-token"}, {"developer", "dev-viewer-token"}, {"nobody", "dev-nobody-token"}};
        for (String[] u : users) {
            s.append("- name: ").append(u[0]).append("\n  user:\n    token: ").append(u[1]).append('\n');
        }
        s.append("contexts:\n");
        for (String[] u : users) {
            s.append("- name: ").append(u[0]).append("\n  context:\n    cluster: ism\n    user: ").append(u[0]).append('\n');
        }
        return s.append("current-context: registry\n").toString();
    }

    @Override
    public void close() {
        context.close();
    }
}
