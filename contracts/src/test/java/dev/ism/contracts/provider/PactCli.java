package dev.ism.contracts.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone Pact CLI ({@code @pact-foundation/pact-cli} from npm: Rust binaries, no JVM), as this
 * module's {@code package.json} pins it. {@link #ensureInstalled()} runs {@code npm ci} when
 * {@code node_modules} is missing or older than {@code package-lock.json}, so a fresh clone needs only
 * node and npm on the PATH.
 */
final class PactCli {

    /** A run: the command, its exit code, and everything it printed (also kept in {@code log}). */
    record Run(List<String> command, int exitCode, String output, Path log) {
    }

    /** Generous: npm ci downloads about 25 MB on a cold cache. Only a guard against a hung process. */
    private static final long LIMIT_MINUTES = 10;

    private final Path basedir;

    PactCli() {
        this.basedir = Path.of(System.getProperty("ism.contracts.basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    Path basedir() {
        return basedir;
    }

    /** The committed pacts (what the drift check compares and the CLI verifies). */
    Path committedPacts() {
        return Path.of(System.getProperty("pact.committed.dir", basedir.resolve("pacts").toString()));
    }

    Path reportDir(String name) throws IOException {
        Path dir = Path.of(System.getProperty("pact.verification.reportDir", basedir.resolve("target/pact-reports").toString()))
                .resolve(name);
        Files.createDirectories(dir);
        return dir;
    }

    Path pact() {
        return basedir.resolve("node_modules/.bin/pact");
    }

    /** Runs {@code npm ci} unless node_modules matches package-lock.json already. */
    void ensureInstalled() throws IOException, InterruptedException {
        Path lock = basedir.resolve("package-lock.json");
        Path installed = basedir.resolve("node_modules/.package-lock.json");
        if (Files.isExecutable(pact()) && Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        Run npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), basedir.resolve("target/npm-ci.log"));
        if (npm.exitCode() != 0 || !Files.isExecutable(pact())) {
            throw new IllegalStateException("npm ci failed (exit " + npm.exitCode() + ") in " + basedir + ":\n" + npm.output());
        }
    }

    /** {@code pact verifier <args>}, output to {@code log}. */
    Run verifier(List<String> args, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(pact().toString());
        command.add("verifier");
        command.addAll(args);
        return run(command, log);
    }

    Run run(List<String> command, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(basedir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("PACT_DO_NOT_TRACK", "true");
        Process p = pb.start();
        if (!p.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + LIMIT_MINUTES
                    + " minutes; output so far in " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.writeString(log, "$ " + String.join(" ", command) + "\n" + output + "\n[exit code " + p.exitValue() + "]\n",
                StandardCharsets.UTF_8);
        return new Run(List.copyOf(command), p.exitValue(), output, log);
    }

    /**
     * The verifier's arguments for every committed pact against the function at {@code baseUrl}, with
     * the provider states at {@code stateChangeUrl} (set-up and tear-down), and a JSON report.
     */
    List<String> verifyArguments(java.net.URI baseUrl, java.net.URI stateChangeUrl, Path jsonReport) {
        return List.of(
                "--dir", committedPacts().toString(),
                "--provider-name", Pacts.PROVIDER,
                "--hostname", baseUrl.getHost(),
                "--port", Integer.toString(baseUrl.getPort()),
                "--state-change-url", stateChangeUrl.toString(),
                "--state-change-teardown",
                "--json", jsonReport.toString(),
                "--no-colour");
    }
}
