package dev.ism.function.sam;

import dev.ism.function.support.TableItems;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.function.store.DynamoClients;
import dev.ism.function.store.DynamoStore;
import dev.ism.function.store.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lambda package started as Lambda starts it (STACK.md's trap): a JVM of its own whose classpath is the
 * shaded jar template.yaml deploys, the Lambda runtime's event serializer and {@link LambdaRuntimeProbe}, and
 * nothing else (no Netty, no DynamoDB Local, no test resources); configured only by environment variables, as
 * the template sets them; DynamoDB Local (run by this test JVM) reached through {@code ISM_DYNAMODB_ENDPOINT}
 * with dummy credentials. The handler's no-argument constructor must work there, SnapStart's checkpoint must
 * run the priming hook without writing, and real requests must be served.
 */
class LambdaStartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "ism-lambda-start";
    private static EmbeddedDynamoDb db;
    private static DynamoDbClient client;

    @TempDir
    static Path probeClasses;

    @BeforeAll
    static void startDynamoDbLocal() {
        db = EmbeddedDynamoDb.start();
        client = DynamoClients.create(db.endpoint(), null);
        new DynamoStore(client, TABLE).createTable();
    }

    @AfterAll
    static void stop() {
        client.close();
        db.close();
    }

    /** Configured as template.yaml configures it, the dev auth files and an OIDC issuer added; SnapStart simulated. */
    @Test
    void startsWithoutNettyPrimesAndServes() throws Exception {
        SamTemplate template = SamTemplate.load();
        Map<String, String> env = environment(template);
        Path dev = SamTemplate.repoRoot().resolve("dev/auth");
        env.put("ISM_TOKEN_AUTH_FILE", dev.resolve("tokens.csv").toString());
        env.put("ISM_AUTHORIZATION_POLICY_FILE", dev.resolve("policy.jsonl").toString());
        // OIDC configured too: its JWKS client must construct without Netty (nothing is fetched at start)
        env.put("ISM_OIDC_ISSUER_URL", "https://oidc.example.invalid");
        env.put("ISM_OIDC_CLIENT_ID", "ism");
        env.put("ISM_OIDC_JWKS_URI", "https://oidc.example.invalid/keys");

        List<String> lines = run(template, env, true, "create-stream.json", "registry-push.json", "get-image.json");

        assertTrue(lines.contains("classpath netty=false dynamodb-local=false"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("init ms=")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("checkpoint ms=") && l.endsWith("resources=1")),
                "the function registered its priming hook with org.crac's global context: " + lines);
        Map<String, JsonNode> responses = responses(lines);
        assertEquals(201, responses.get("create-stream.json").path("statusCode").asInt(), responses.toString());
        assertEquals(201, responses.get("registry-push.json").path("statusCode").asInt(), responses.toString());
        assertEquals(200, responses.get("get-image.json").path("statusCode").asInt(), responses.toString());

        // Exactly what the three requests wrote (stream, its tag event, the image): priming wrote nothing.
        List<Map<String, AttributeValue>> items = TableItems.scanAll(client, TABLE);
        TreeSet<String> keys = new TreeSet<>();
        items.forEach(i -> keys.add(i.get("pk").s() + " " + i.get("sk").s()));
        assertEquals(new TreeSet<>(List.of(
                "images/" + EventFilesTest.DIGEST + " image",
                "ns/myproject imagestreams/ruby",
                "ns/myproject/imagestreams/ruby tag/latest/0000000000000000001")), keys);
    }

    /** With every template parameter at its default, auth is not configured: the function refuses (fails closed). */
    @Test
    void templateDefaultsFailClosed() throws Exception {
        SamTemplate template = SamTemplate.load();
        List<String> lines = run(template, environment(template), false, "registry-push.json", "get-image.json");
        Map<String, JsonNode> responses = responses(lines);
        assertEquals(401, responses.get("registry-push.json").path("statusCode").asInt(), responses.toString());
        assertEquals(401, responses.get("get-image.json").path("statusCode").asInt(), responses.toString());
    }

    /** The template's environment with every parameter at its default, plus what Lambda and the test provide. */
    private static Map<String, String> environment(SamTemplate template) {
        Map<String, String> env = new LinkedHashMap<>(TemplateTest.defaultEnvironment(template));
        env.put("ISM_TABLE_NAME", TABLE);
        env.put("ISM_DYNAMODB_ENDPOINT", db.endpoint().toString());
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "lambda-start-it");
        env.put("AWS_SECRET_ACCESS_KEY", "lambda-start-it");
        return env;
    }

    private static List<String> run(SamTemplate template, Map<String, String> env, boolean snapStart, String... events)
            throws IOException, InterruptedException {
        Path jar = LambdaPackageIT.lambdaJar(template);
        String handler = (String) template.properties(template.onlyIdOfType(TemplateTest.FUNCTION_TYPE)).get("Handler");
        String classpath = String.join(File.pathSeparator, jar.toString(), serializerJar().toString(), probeClasses().toString());

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // the java17 Lambda runtime's default
                "-Dorg.crac.Core.Compat=dev.ism.function.sam.fakecrac",
                "-Dism.probe.snapstart=" + snapStart,
                "-cp", classpath,
                LambdaRuntimeProbe.class.getName(), handler));
        for (String e : events) {
            command.add(EventFilesTest.events().resolve(e).toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear(); // nothing of the build's environment: only what Lambda would set
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().putAll(env);
        System.out.println("probe: " + String.join(" ", command));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        System.out.println(output);
        assertEquals(0, p.exitValue(), output);
        List<String> lines = new ArrayList<>();
        output.lines().filter(l -> l.startsWith(LambdaRuntimeProbe.PREFIX))
                .forEach(l -> lines.add(l.substring(LambdaRuntimeProbe.PREFIX.length())));
        assertFalse(lines.isEmpty(), output);
        return lines;
    }

    private static Map<String, JsonNode> responses(List<String> lines) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String l : lines) {
            if (l.startsWith("response file=")) {
                String file = l.substring("response file=".length(), l.indexOf(' ', "response file=".length()));
                out.put(file, JSON.readTree(l.substring(l.indexOf(" json=") + " json=".length())));
            }
        }
        return out;
    }

    /** The Lambda runtime's own event serializer, which the runtime (not the package) brings. */
    private static Path serializerJar() {
        try {
            return Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only the probe and the stand-in CRaC runtime, copied out of the test classes. */
    private static Path probeClasses() throws IOException {
        Path testClasses = Path.of("target/test-classes");
        Path pkg = Path.of("dev/ism/function/sam");
        try (Stream<Path> files = Files.walk(testClasses.resolve(pkg))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String rel = testClasses.relativize(f).toString().replace('\\', '/');
                if (rel.matches("dev/ism/function/sam/(LambdaRuntimeProbe[$A-Za-z0-9]*|fakecrac/[A-Za-z0-9$]+)\\.class")) {
                    Path target = probeClasses.resolve(rel);
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return probeClasses;
    }
}
