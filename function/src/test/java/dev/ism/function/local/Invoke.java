package dev.ism.function.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ism.function.config.Unset;
import dev.ism.function.store.EmbeddedDynamoDb;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sam local invoke -e <event>} without Docker: runs event files, in order, through the function's real
 * Lambda handler and prints each response event JSON on stdout (logs go to stderr). All events of one run go
 * to one instance of each handler, as consecutive requests to one warm Lambda instance, so earlier events
 * seed later ones (create-stream, then registry-push).
 *
 * <pre>
 * mvn -q -pl function -am process-test-classes -Devent=events/create-stream.json,events/registry-push.json
 * </pre>
 *
 * <p>The handlers are built as Lambda builds them (no-argument constructor, configuration from the
 * environment), with these local defaults for what the environment leaves unset:
 * <ul>
 *   <li>DynamoDB: without {@code ISM_DYNAMODB_ENDPOINT}, DynamoDB Local in this JVM, in memory, its table
 *   created ({@code ISM_DYNAMODB_EMBEDDED_DB_PATH=<dir>} keeps the data between runs). With it, that endpoint
 *   and table {@code ISM_TABLE_NAME}; {@code ISM_DYNAMODB_CREATE_TABLE=true} creates the table if missing.</li>
 *   <li>Auth: without any of {@code ISM_TOKEN_AUTH_FILE}, {@code ISM_AUTHORIZATION_POLICY_FILE},
 *   {@code ISM_OIDC_ISSUER_URL}: the DEV-ONLY files {@code dev/auth/tokens.csv} and {@code dev/auth/policy.jsonl}.</li>
 * </ul>
 * Exit status: 0 when every event was invoked (whatever the HTTP status), 1 when a handler threw, 2 on a usage
 * error or an unreadable or non-API-Gateway event file.
 */
public final class Invoke {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Invoke() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        System.setOut(System.err); // the function's logs (logback's console appender) go to stderr
        List<Path> files = files(args);
        if (files.isEmpty()) {
            System.err.println("usage: Invoke <event.json>[,<event.json>...] (in order; see events/README.md)");
            System.exit(2);
        }
        List<String> events = new ArrayList<>();
        for (Path f : files) {
            try {
                String json = Files.readString(f, StandardCharsets.UTF_8);
                LocalInvoker.payloadOf(json);
                events.add(json);
            } catch (IOException | IllegalArgumentException e) {
                System.err.println(f + ": " + e.getMessage());
                System.exit(2);
            }
        }

        Map<String, String> env = System.getenv();
        EmbeddedDynamoDb db = null;
        if (Unset.isUnset(env.get("ISM_DYNAMODB_ENDPOINT"))) {
            String path = env.get("ISM_DYNAMODB_EMBEDDED_DB_PATH");
            db = Unset.isUnset(path) ? EmbeddedDynamoDb.start() : EmbeddedDynamoDb.start(Path.of(path));
            System.setProperty("ism.dynamodb.endpoint", db.endpoint().toString());
            System.setProperty("ism.dynamodb.create-table", "true");
            System.err.println("DynamoDB Local in this JVM at " + db.endpoint()
                    + (Unset.isUnset(path) ? " (in memory)" : " (data in " + path + ")"));
        }
        if (Unset.isUnset(env.get("ISM_TOKEN_AUTH_FILE")) && Unset.isUnset(env.get("ISM_AUTHORIZATION_POLICY_FILE"))
                && Unset.isUnset(env.get("ISM_OIDC_ISSUER_URL"))) {
            Path dev = devDir();
            System.setProperty("ism.auth.token-auth-file", dev.resolve("auth/tokens.csv").toString());
            System.setProperty("ism.auth.policy-file", dev.resolve("auth/policy.jsonl").toString());
            System.err.println("auth: the DEV-ONLY files of " + dev.resolve("auth"));
        }

        int status = 0;
        try (LocalInvoker invoker = LocalInvoker.asLambdaBuildsIt()) {
            for (int i = 0; i < events.size(); i++) {
                LocalInvoker.Invocation r = invoker.invoke(events.get(i));
                System.err.println(files.get(i) + " -> " + r.statusCode());
                out.println(PRETTY.writeValueAsString(PRETTY.readTree(r.responseJson())));
                out.flush();
            }
        } catch (RuntimeException e) {
            // what Lambda would report as a function error (the handler itself threw)
            e.printStackTrace();
            status = 1;
        } finally {
            if (db != null) {
                db.close();
            }
        }
        // The handlers' executor threads are not daemons: end now.
        System.exit(status);
    }

    /** Arguments, each possibly a comma- or whitespace-separated list. */
    static List<Path> files(String[] args) {
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            for (String f : arg.trim().split("[,\\s]+")) {
                if (!f.isEmpty()) {
                    files.add(Path.of(f));
                }
            }
        }
        return files;
    }

    /** {@code -Dism.dev-dir} (set by the Maven profile), else {@code dev/} at or above the working directory. */
    static Path devDir() {
        String configured = System.getProperty("ism.dev-dir");
        if (!Unset.isUnset(configured)) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("dev/auth"))) {
                return p.resolve("dev");
            }
        }
        throw new IllegalStateException("no dev/auth at or above " + Path.of("").toAbsolutePath());
    }
}
