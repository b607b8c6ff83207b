package dev.ism.function.sam;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Lambda package, after {@code mvn package}: the file template.yaml's CodeUri names, with the handler and
 * what the function needs, without anything test-only or local-only, within its size budget.
 */
class LambdaPackageIT {

    /** Budget for the jar as uploaded (Lambda's limits: 50 MB zipped for a direct upload, 250 MB unzipped). */
    static final long MAX_JAR_BYTES = 25L * 1024 * 1024;

    /** Packages and files that must never be in the package, and why. */
    static final Map<String, String> FORBIDDEN = new TreeMap<>(Map.ofEntries(
            Map.entry("io/netty/", "Netty (the local server's, provided scope)"),
            Map.entry("io/micronaut/http/", "Micronaut HTTP (the local server's, provided scope)"),
            Map.entry("io/micronaut/json/", "Micronaut's JSON (the local server's, provided scope)"),
            Map.entry("io/micronaut/jackson/", "micronaut-jackson-databind (the local server's, provided scope)"),
            Map.entry("io/micronaut/runtime/", "micronaut-context's runtime (the local server's)"),
            Map.entry("io/micronaut/scheduling/", "micronaut-context's executors (the local server's)"),
            Map.entry("reactor/", "reactor (came with Micronaut HTTP)"),
            Map.entry("dev/ism/function/server/", "the local server"),
            Map.entry("META-INF/micronaut/io.micronaut.inject.BeanDefinitionReference/dev.ism.function.server.", "the local server's beans"),
            Map.entry("dev/ism/function/Application.class", "the local server's main class"),
            Map.entry("software/amazon/dynamodb/", "DynamoDB Local (provided scope)"),
            Map.entry("com/amazonaws/services/dynamodbv2/", "DynamoDB Local's internals"),
            Map.entry("com/almworks/sqlite4java/", "DynamoDB Local's SQLite"),
            Map.entry("org/eclipse/jetty/", "DynamoDB Local's Jetty"),
            Map.entry("org/apache/logging/log4j/", "DynamoDB Local's log4j"),
            Map.entry("kotlin/", "DynamoDB Local's and Pact's Kotlin"),
            Map.entry("org/mockito/", "DynamoDB Local's mockito"),
            Map.entry("au/com/dius/pact/", "Pact (contracts tests)"),
            Map.entry("io/fabric8/", "fabric8 (tests)"),
            Map.entry("io/micronaut/function/aws/proxy/", "micronaut-function-aws-api-proxy (the handlers serve events through api/ApiHandler)"),
            Map.entry("io/micronaut/servlet/", "Micronaut's servlet engine (came with the api-proxy)"),
            Map.entry("io/micronaut/web/router/", "Micronaut's router (the local server's only)"),
            Map.entry("org/joda/time/", "Joda-Time (only other services' Lambda events use it)"),
            Map.entry("io/micronaut/test/", "micronaut-test"),
            Map.entry("org/junit/", "JUnit"),
            Map.entry("com/amazonaws/services/lambda/runtime/serialization/", "aws-lambda-java-serialization (the runtime brings its own)"),
            Map.entry("software/amazon/awssdk/http/apache/", "the Apache HTTP client (excluded: url-connection only)"),
            Map.entry("software/amazon/awssdk/http/nio/netty/", "the Netty async HTTP client (excluded)"),
            Map.entry("dev/ism/function/support/", "the test harness"),
            Map.entry("dev/ism/function/sam/", "these tests"),
            Map.entry("dev/ism/function/local/", "the local invoke tool"),
            Map.entry("application-test.properties", "test settings"),
            Map.entry("application-local.properties", "local-run settings (embedded DynamoDB Local, dev auth files)"),
            Map.entry("auth/", "test auth files"),
            Map.entry("manifests/", "test manifests")));

    @Test
    void codeUriIsTheShadedJar() {
        Path jar = lambdaJar(SamTemplate.load());
        assertTrue(Files.isRegularFile(jar), jar + " (run mvn package)");
        assertEquals(Path.of(System.getProperty("ism.lambda.jar")).toAbsolutePath().normalize(), jar);
    }

    @Test
    void containsTheHandlerAndWhatTheFunctionNeeds() throws IOException {
        SamTemplate template = SamTemplate.load();
        String handler = (String) template.properties(template.onlyIdOfType(TemplateTest.FUNCTION_TYPE)).get("Handler");
        try (ZipFile zip = new ZipFile(lambdaJar(template).toFile())) {
            for (String entry : List.of(
                    handler.replace('.', '/') + ".class",
                    "dev/ism/function/lambda/SnapStartPriming.class",
                    "dev/ism/function/lambda/priming-mapping.json",
                    "dev/ism/function/api/ApiHandler.class",
                    "dev/ism/schema/imagestreammapping.schema.json",
                    "org/crac/Core.class",
                    "software/amazon/awssdk/services/dynamodb/DynamoDbClient.class",
                    "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                    "com/nimbusds/jose/JWSObject.class",
                    "application.properties",
                    "META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
                assertNotNull(zip.getEntry(entry), "missing " + entry);
            }
            // The service metadata provider is the function's, not the AWS SDK's (which builds every service's).
            try (InputStream in = zip.getInputStream(zip.getEntry("software/amazon/awssdk/regions/GeneratedServiceMetadataProvider.class"))) {
                assertArrayEquals(Files.readAllBytes(Path.of("target/classes/software/amazon/awssdk/regions/GeneratedServiceMetadataProvider.class")),
                        in.readAllBytes());
            }
            // The SDK finds exactly one HTTP client: url-connection (the one the code builds anyway).
            ZipEntry services = zip.getEntry("META-INF/services/software.amazon.awssdk.http.SdkHttpService");
            assertNotNull(services);
            try (InputStream in = zip.getInputStream(services)) {
                assertEquals(List.of("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
            }
        }
    }

    @Test
    void containsNothingTestOrLocalOnly() throws IOException {
        List<String> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(lambdaJar(SamTemplate.load()).toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                FORBIDDEN.forEach((prefix, why) -> {
                    if (name.startsWith(prefix)) {
                        found.add(name + " (" + why + ")");
                    }
                });
                if (name.endsWith("tokens.csv") || name.endsWith("policy.jsonl") || name.endsWith("tokens-crlf.csv")) {
                    found.add(name + " (an auth file)");
                }
                if (!e.isDirectory() && (name.endsWith(".csv") || name.endsWith(".jsonl") || name.endsWith(".yml")
                        || name.endsWith(".json") || name.endsWith(".properties") || name.endsWith(".class"))) {
                    try (InputStream in = zip.getInputStream(e)) {
                        String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        if (text.contains("dev-registry-token") || text.contains("dev-viewer-token") || text.contains("dev-nobody-token")) {
                            found.add(name + " (contains a dev token)");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void sizeWithinBudget() throws IOException {
        Path jar = lambdaJar(SamTemplate.load());
        long size = Files.size(jar);
        long unzipped = 0;
        int entries = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                unzipped += Math.max(0, z.getSize());
                entries++;
            }
        }
        System.out.printf("Lambda package %s: %,d bytes (%.1f MiB), %,d entries, %,d bytes unzipped (%.1f MiB)%n",
                jar.getFileName(), size, size / 1048576.0, entries, unzipped, unzipped / 1048576.0);
        assertTrue(size <= MAX_JAR_BYTES, "the Lambda jar is " + size + " bytes, over the budget of " + MAX_JAR_BYTES);
        assertTrue(unzipped <= 250L * 1000 * 1000, "Lambda's unzipped limit");
    }

    /** template.yaml's CodeUri, resolved against the repository root. */
    static Path lambdaJar(SamTemplate template) {
        String codeUri = (String) template.properties(template.onlyIdOfType(TemplateTest.FUNCTION_TYPE)).get("CodeUri");
        return SamTemplate.repoRoot().resolve(codeUri).toAbsolutePath().normalize();
    }
}
