package dev.ism.contracts.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.function.support.Api;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The committed pacts verified by a second implementation, outside the JVM: the standalone Pact CLI's
 * verifier (Rust), against the function's local Netty server, with the provider states set up and
 * torn down through {@code POST /_pact/provider-states}. Output and the verifier's JSON report go to
 * {@code target/pact-reports/pact-cli/}.
 */
class PactCliProviderVerificationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theStandalonePactVerifierAcceptsEveryInteraction() throws Exception {
        PactCli cli = new PactCli();
        cli.ensureInstalled();
        Api api = FunctionUnderTest.shared();
        FunctionUnderTest.states(api).reset();

        Path reports = cli.reportDir("pact-cli");
        Path json = reports.resolve("verifier-report.json");
        Files.deleteIfExists(json);
        PactCli.Run run = cli.verifier(cli.verifyArguments(api.url(), FunctionUnderTest.stateChangeUrl(api), json),
                reports.resolve("verifier-output.txt"));

        assertEquals(0, run.exitCode(), () -> "pact verifier failed (exit " + run.exitCode() + "); output in "
                + run.log() + ":\n" + run.output());
        // Every interaction of every committed pact was verified, and passed.
        assertEquals(committedInteractions(cli.committedPacts()), reportedInteractions(json, "OK"),
                () -> "the verifier's report " + json + " does not list every committed interaction as passed");
    }

    /** "key: description" of every interaction of the committed pacts, sorted. */
    static List<String> committedInteractions(Path pacts) throws Exception {
        List<String> all = new ArrayList<>();
        try (var files = Files.list(pacts)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode pact = JSON.readTree(f.toFile());
                for (JsonNode i : pact.path("interactions")) {
                    all.add(i.path("key").asText() + ": " + i.path("description").asText());
                }
            }
        }
        all.sort(null);
        return all;
    }

    /** "key: description" of every interaction the verifier's JSON report marks with {@code result}, sorted. */
    static List<String> reportedInteractions(Path report, String result) throws Exception {
        JsonNode r = JSON.readTree(report.toFile());
        List<String> found = new ArrayList<>();
        for (JsonNode i : r.path("interactionResults")) {
            if (i.path("result").asText().equals(result)) {
                found.add(i.path("interactionKey").asText() + ": " + i.path("description").asText());
            }
        }
        found.sort(null);
        return found;
    }
}
