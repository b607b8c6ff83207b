package dev.ism.function.config;

import dev.ism.function.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ism.function.config.CustomAuthFiles.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * As a new user tries it: {@code ISM_TOKEN_AUTH_FILE=my.csv mvn -B mn:run}. The local run's main class in a
 * JVM of its own, with real environment variables: the given token and policy files are used (the dev token
 * is refused), and variables set to the empty string are unset, so the local run's defaults still apply
 * (loopback, DynamoDB Local, the default table).
 */
class LocalRunProcessTest {

    private static final Pattern RUNNING = Pattern.compile("Server Running: (\\S+)");

    @TempDir
    Path dir;

    @Test
    void theLocalRunTakesItsVariables() throws Exception {
        CustomAuthFiles files = CustomAuthFiles.write(dir);
        Process process = start(Map.of(
                "ISM_TOKEN_AUTH_FILE", files.tokens().toString(),
                "ISM_AUTHORIZATION_POLICY_FILE", files.policy().toString(),
                "ISM_PORT", "-1",
                "ISM_HOST", "",
                "ISM_DYNAMODB_EMBEDDED", "",
                "ISM_TABLE_NAME", ""));
        StringBuilder output = new StringBuilder();
        try {
            URI base = URI.create(running(process, output).get(3, TimeUnit.MINUTES));
            assertEquals("127.0.0.1", base.getHost(), output::toString);
            assertEquals(200, status(base, CustomAuthFiles.TOKEN), output::toString);
            assertEquals(401, status(base, CustomAuthFiles.DEV_TOKEN), output::toString);
        } finally {
            process.destroy();
            assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        }
    }

    /** {@code java -classpath <the test classpath> dev.ism.function.Application} in function/, as mn:run runs it. */
    private static Process start(Map<String, String> env) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-classpath", classpath, Application.class.getName())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ISM_") || k.startsWith("MICRONAUT_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The server's URL once it runs; the process's output is kept in {@code output} (read to its end). */
    private static CompletableFuture<String> running(Process process, StringBuilder output) {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = RUNNING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new AssertionError("the local run ended without serving:\n" + output));
        }, "local-run-output");
        reader.setDaemon(true);
        reader.start();
        return url;
    }
}
