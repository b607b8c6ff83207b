package dev.ism.contracts.provider;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.TestTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.function.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Verification catches a broken response. A second function runs with {@link BrokenResponseFilter}
 * (registered only here: every 422 leaves as 400), and each verifier is run against it: the three
 * Pact JVM verifications (Lambda payload 2.0, 1.0, HTTP), run as JUnit classes of their own by the
 * JUnit Platform test kit, and the Pact CLI's verifier. Each must fail exactly the 422 interaction,
 * for its status, and pass the nine others (so the failure is the broken response, not a broken
 * set-up). Reports go to {@code target/pact-reports/broken-*}.
 */
class BrokenResponseIT {

    private static final String INVALID = "an invalid mapping without a tag and with a bad image reference";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Api broken;

    /** The nested verification classes run only from here, never on their own. */
    static boolean brokenFunctionRunning() {
        return broken != null;
    }

    @BeforeAll
    static void startBrokenFunction() {
        broken = FunctionUnderTest.start(Map.of(
                ProviderStateSettings.BREAK_422, "true",
                "ism.dynamodb.table-name", ProviderStateSettings.TABLE + "-broken"));
    }

    @AfterAll
    static void stopBrokenFunction() {
        if (broken != null) {
            broken.close();
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {BrokenLambdaV2.class, BrokenLambdaV1.class, BrokenHttp.class})
    void pactJvmVerificationFailsTheBrokenInteractionOnly(Class<? extends OnBrokenFunction> verification) throws Exception {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(verification)).execute();
        Events tests = results.testEvents();

        List<Event> failed = tests.failed().list();
        assertEquals(1, failed.size(), () -> verification.getSimpleName() + ": expected exactly one failed interaction, got "
                + failed.stream().map(e -> e.getTestDescriptor().getDisplayName()).collect(Collectors.joining(", ")));
        assertTrue(failed.get(0).getTestDescriptor().getDisplayName().contains(INVALID),
                () -> "the failed interaction is " + failed.get(0).getTestDescriptor().getDisplayName());
        Throwable why = failed.get(0).getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
        assertTrue(why.getMessage().contains("expected status of 422 but was 400"),
                () -> "the failure is not about the status:\n" + why.getMessage());
        assertEquals(9, tests.succeeded().count(), "the nine other interactions still pass");

        // The JSON verification report says the same.
        String way = verification.getDeclaredConstructor().newInstance().way();
        Path report = new PactCli().reportDir(way).resolve(Pacts.PROVIDER + ".json");
        List<String> failures = new ArrayList<>();
        for (JsonNode consumer : JSON.readTree(report.toFile()).path("execution")) {
            for (JsonNode i : consumer.path("interactions")) {
                JsonNode v = i.path("verification");
                if (!v.path("result").asText().equals("OK")) {
                    failures.add(i.path("interaction").path("description").asText() + " " + v);
                }
            }
        }
        assertEquals(List.of(INVALID + " {\"result\":\"failed\",\"status\":[\"expected status of 422 but was 400\"]}"),
                failures, "the failures in " + report);
    }

    @Test
    void pactCliVerificationFailsTheBrokenInteractionOnly() throws Exception {
        PactCli cli = new PactCli();
        cli.ensureInstalled();
        FunctionUnderTest.states(broken).reset();
        Path reports = cli.reportDir("broken-pact-cli");
        Path json = reports.resolve("verifier-report.json");
        Files.deleteIfExists(json);

        PactCli.Run run = cli.verifier(cli.verifyArguments(broken.url(), FunctionUnderTest.stateChangeUrl(broken), json),
                reports.resolve("verifier-output.txt"));

        assertNotEquals(0, run.exitCode(), () -> "pact verifier passed a broken function:\n" + run.output());
        List<String> failed = PactCliProviderVerificationIT.reportedInteractions(json, "Error");
        assertEquals(1, failed.size(), () -> "expected exactly one failed interaction, got " + failed + "\n" + run.output());
        assertTrue(failed.get(0).endsWith(": " + INVALID), () -> "the failed interaction is " + failed);
        JsonNode mismatches = JSON.readTree(json.toFile()).path("errors").path(0).path("mismatch").path("mismatches");
        assertEquals("[{\"actual\":400,\"expected\":422,\"mismatch\":\"expected 422 but was 400\",\"type\":\"StatusMismatch\"}]",
                mismatches.toString(), () -> "the failure is not (only) about the status:\n" + run.output());
        assertEquals(9, PactCliProviderVerificationIT.reportedInteractions(json, "OK").size(),
                () -> "the nine other interactions still pass:\n" + run.output());
    }

    // ---- the verifications run on the broken function (not run by failsafe on their own: nested) ----

    abstract static class OnBrokenFunction extends ProviderVerification {
        @Override
        Api api() {
            return broken;
        }
    }

    @EnabledIf("dev.ism.contracts.provider.BrokenResponseIT#brokenFunctionRunning")
    static class BrokenLambdaV2 extends OnBrokenFunction {
        @Override
        TestTarget target(Api api) {
            return new LambdaTestTarget(api.context(), LambdaTestTarget.Payload.V2);
        }

        @Override
        String way() {
            return "broken-lambda-v2";
        }
    }

    @EnabledIf("dev.ism.contracts.provider.BrokenResponseIT#brokenFunctionRunning")
    static class BrokenLambdaV1 extends OnBrokenFunction {
        @Override
        TestTarget target(Api api) {
            return new LambdaTestTarget(api.context(), LambdaTestTarget.Payload.V1);
        }

        @Override
        String way() {
            return "broken-lambda-v1";
        }
    }

    @EnabledIf("dev.ism.contracts.provider.BrokenResponseIT#brokenFunctionRunning")
    static class BrokenHttp extends OnBrokenFunction {
        @Override
        TestTarget target(Api api) {
            return new HttpTestTarget(api.url().getHost(), api.url().getPort(), "/");
        }

        @Override
        String way() {
            return "broken-http";
        }
    }
}
