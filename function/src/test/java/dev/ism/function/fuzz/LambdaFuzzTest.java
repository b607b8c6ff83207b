package dev.ism.function.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded mutational fuzzing of the Lambda path: API Gateway HTTP API events (the repository's event files and
 * the findings of issue 12 as seeds, mutated by {@link EventMutator}) through the real v2 handler, against
 * DynamoDB Local. Every answer must be JSON, never a 5xx other than 503/504, and every failure a Kubernetes
 * Status whose {@code code} is the HTTP status. A fixed budget ({@code -Dism.fuzz.budget}, default 600) and
 * seed ({@code -Dism.fuzz.seed}) make a run repeatable; an event that breaks a rule is written to
 * {@code target/fuzz-findings/}, to be kept in {@code src/test/resources/fuzz/seeds/}.
 */
class LambdaFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Api API = Api.shared();

    static List<ObjectNode> seeds() throws IOException, URISyntaxException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> events = Files.list(Path.of("../events"))) {
            events.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        Path committed = Path.of(LambdaFuzzTest.class.getResource("/fuzz/seeds").toURI());
        try (Stream<Path> found = Files.list(committed)) {
            found.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        List<ObjectNode> seeds = new ArrayList<>();
        for (Path f : files) {
            seeds.add((ObjectNode) JSON.readTree(f.toFile()));
        }
        return seeds;
    }

    /** Text that would show the function's internals in an answer: a Java exception's name, a stack frame. */
    private static final List<String> INTERNALS = List.of("Exception", "\tat ");

    /** The rule the answer to {@code sent} (the event's text) breaks, or null. */
    static String broken(Api.Response r, boolean head, String sent) {
        int code = r.code();
        if (code >= 500 && code != 503 && code != 504) {
            return "a " + code;
        }
        if (head) {
            return null; // a HEAD answer has no body
        }
        String type = r.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "Content-Type " + type;
        }
        if (code < 400) {
            return null;
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            return "a body that is not JSON";
        }
        if (body == null || !"Status".equals(body.path("kind").asText()) || body.path("code").asInt() != code
                || !"Failure".equals(body.path("status").asText()) || !body.path("message").isTextual()) {
            return "not a Status with code " + code;
        }
        // A Status may quote the start of the body, as the API server does ("... in '{...'"): text the client sent
        // is not the function's. More of it in the answer than the event held is.
        for (String marker : INTERNALS) {
            if (occurrences(r.body(), marker) > occurrences(sent, marker)) {
                return "internals in the body";
            }
        }
        return null;
    }

    private static int occurrences(String text, String marker) {
        int n = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length())) {
            n++;
        }
        return n;
    }

    @Test
    void everyAnswerOfTheLambdaHandlerIsAStatusAndNeverA500() throws Exception {
        int budget = Integer.getInteger("ism.fuzz.budget", 600);
        long seed = Long.getLong("ism.fuzz.seed", 20261206L);
        Random random = new Random(seed);
        EventMutator mutator = new EventMutator(random);
        List<ObjectNode> corpus = seeds();
        int seedCount = corpus.size();
        List<String> findings = new ArrayList<>();
        int[] byClass = new int[6];
        for (int i = 0; i < seedCount + budget; i++) {
            ObjectNode event = i < seedCount ? corpus.get(i) : mutator.mutate(corpus.get(random.nextInt(corpus.size())));
            String problem;
            try {
                String sent = JSON.writeValueAsString(event);
                Api.Response r = API.invokeV2(sent);
                problem = broken(r, "HEAD".equals(event.path("requestContext").path("http").path("method").asText()), sent);
                byClass[Math.min(5, r.code() / 100)]++;
                // mutants that got through validation to the store are worth mutating further
                if (problem == null && i >= seedCount && r.code() < 300 && corpus.size() < 200) {
                    corpus.add(event);
                }
            } catch (RuntimeException e) {
                problem = "the handler threw " + e;
                if (findings.isEmpty()) {
                    e.printStackTrace(System.out);
                }
            }
            if (problem != null) {
                findings.add(problem + ": " + save(event, findings.size()));
            }
        }
        System.out.printf("fuzz: seed %d, %d seeds, %d mutants; 2xx %d, 4xx %d, 5xx %d%n", seed, seedCount, budget,
                byClass[2], byClass[4], byClass[5]);
        assertTrue(findings.isEmpty(), String.join("\n", findings));
    }

    private static Path save(ObjectNode event, int n) {
        try {
            Path dir = Files.createDirectories(Path.of("target/fuzz-findings"));
            Path file = dir.resolve("finding-" + n + ".json");
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
