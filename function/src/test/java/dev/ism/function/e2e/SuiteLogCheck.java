package dev.ism.function.e2e;

import dev.ism.function.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after the whole function test suite (its own surefire execution, see function/pom.xml) and reads
 * everything the suite's JVM logged (logback-test.xml writes it to {@code target/test-logs/}): no token, no
 * {@code Authorization} value, no JWT, no body (every test mapping carries {@link E2e#BODY_MARKER}), and no
 * stack trace at ERROR for anything a client caused: the only ERROR events are our own faults, answered 500,
 * and the suite provokes those only on purpose (a corrupt stored stream in {@code ErrorsTest}).
 */
class SuiteLogCheck {

    private static final Pattern EVENT = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[^]]*] (\\w+) +(\\S+) - (.*)$");
    private static final Pattern REQUEST = Pattern.compile("request_id=(\\S+) lambda_request_id=\\S+ method=\\S+ path=(\\S+) .* status=(\\d{3}) .*");
    private static final Pattern INTERNAL = Pattern.compile("internal error: request_id=(\\S+)");

    private static List<String> lines;

    @BeforeAll
    static void read() throws IOException {
        Path log = Path.of(System.getProperty("ism.test.log.dir", "target/test-logs"), "function.log");
        assertTrue(Files.exists(log), "no suite log at " + log + ": run the whole suite (mvn verify)");
        lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertTrue(lines.size() > 1000, "the suite log is too short to be the whole suite's: " + lines.size() + " lines");
    }

    @Test
    void noCredentialAndNoBodyIsLogged() {
        List<Pattern> secrets = List.of(
                Pattern.compile(Pattern.quote(Api.REGISTRY_TOKEN)),
                Pattern.compile(Pattern.quote(Api.VIEWER_TOKEN)),
                Pattern.compile(Pattern.quote(Api.NOBODY_TOKEN)),
                Pattern.compile("Bearer [^<\\s]"), // a header value; "'Bearer <token>'" is our own wording
                Pattern.compile("eyJhbGciOi"), // the start of every JWT's header
                Pattern.compile(Pattern.quote(E2e.BODY_MARKER)),
                Pattern.compile("\"dockerImageReference\"\\s*:"));
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (Pattern secret : secrets) {
                if (secret.matcher(lines.get(i)).find()) {
                    found.add((i + 1) + ": " + secret + ": " + abbreviate(lines.get(i)));
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void errorsAreOnlyOurOwnFaultsAnswered500() {
        Map<String, String> answered = new HashMap<>();
        List<String> internal = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher e = EVENT.matcher(lines.get(i));
            if (!e.matches()) {
                continue;
            }
            Matcher r = REQUEST.matcher(e.group(3));
            if (e.group(2).equals("dev.ism.function.requests") && r.matches()) {
                answered.put(r.group(1), r.group(3) + " " + r.group(2));
            }
            if (e.group(1).equals("ERROR")) {
                Matcher m = INTERNAL.matcher(e.group(3));
                if (e.group(2).equals("dev.ism.function.api.ApiHandler") && m.find()) {
                    internal.add(m.group(1));
                } else {
                    others.add((i + 1) + ": " + abbreviate(lines.get(i)));
                }
            }
        }
        assertEquals(List.of(), others, "ERROR events other than our own internal errors");
        for (String requestId : internal) {
            String answer = answered.getOrDefault(requestId, "");
            assertTrue(answer.startsWith("500 ") && answer.contains("/namespaces/errors-"),
                    "an internal error outside ErrorsTest's deliberate faults: request " + requestId + " answered " + answer);
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
