package dev.ism.schema;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing (Jazzer) of the validator's public entry point. In a normal build it runs
 * as a regression test over the committed inputs in {@code ValidatorFuzzTestInputs/} (the spec's
 * examples and every crasher found); with {@code JAZZER_FUZZ=1} it fuzzes (see the module README).
 *
 * <p>Properties, for any bytes and any {@code fieldValidation} mode: no exception or error escapes;
 * the outcome is Valid (with at most 100 warnings) or a 400/422 Status whose code is the HTTP code it
 * stands for, with at most {@link FieldErrors#MAX_CAUSES} + 1 causes, that serializes to UTF-8 JSON of
 * bounded size whatever the body's size.
 */
class ValidatorFuzzTest {

    static final ImageStreamMappingValidator VALIDATOR = ImageStreamMappingValidator.withInternalRegistry("registry.local:5000");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Bound of a serialized Status: 101 causes of bounded message and path, each twice (cause and message). */
    static final int MAX_STATUS_BYTES = 256 * 1024;

    /** The budget of {@code mvn verify}: 1,000 inputs (the JAZZER_FUZZ execution of the module's pom). */
    @FuzzTest(maxExecutions = 1_000)
    void validateBytes(byte[] body) throws Exception {
        FieldValidation mode = FieldValidation.values()[body.length % 3];
        check(VALIDATOR.validate(body, "myproject", mode));
    }

    /** The same property for a long run (README): 10 minutes; its inputs directory is validateBytes' (a link). */
    @FuzzTest(maxDuration = "10m")
    void validateBytesLong(byte[] body) throws Exception {
        validateBytes(body);
    }

    static void check(Outcome outcome) throws Exception {
        if (outcome instanceof Outcome.Valid valid) {
            assertTrue(valid.warnings().size() <= 100, "warnings bounded");
            assertEquals("ImageStreamMapping", valid.mapping().path("kind").asText());
            JSON.writeValueAsBytes(valid.mapping());
            return;
        }
        Status status = ((Outcome.Rejected) outcome).status();
        assertTrue(status.code() == 400 || status.code() == 422, () -> "code " + status.code());
        assertEquals(status.code() == 400 ? "BadRequest" : "Invalid", status.reason());
        assertEquals("Failure", status.status());
        if (status.code() == 422) {
            assertTrue(status.details().causes().size() <= FieldErrors.MAX_CAUSES + 1, "causes bounded");
        }
        byte[] json = JSON.writeValueAsBytes(status);
        assertTrue(json.length <= MAX_STATUS_BYTES, () -> "Status of " + json.length + " bytes");
        assertEquals(status.code(), JSON.readTree(new String(json, StandardCharsets.UTF_8)).path("code").asInt());
    }
}
