package dev.ism.schema.reference;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Coverage-guided fuzzing of the Docker reference scanner: {@link DockerImageReference#parse} throws
 * nothing but {@link ReferenceParseException}, and on inputs of at most 512 characters the scanner
 * agrees with the grammar's regular expression (the oracle of {@link ReferenceGrammarTest}), parts included.
 */
class ReferenceFuzzTest {

    /** The budget of {@code mvn verify}: 10,000 inputs (the JAZZER_FUZZ execution of the module's pom). */
    @FuzzTest(maxExecutions = 10_000)
    void scannerAgreesWithTheGrammar(FuzzedDataProvider data) {
        String s = data.consumeRemainingAsString();
        try {
            DockerImageReference ref = DockerImageReference.parse(s);
            assertEquals(ref, DockerImageReference.parse(ref.exact()), "a parsed reference renders to itself");
        } catch (ReferenceParseException expected) {
            // the only exception allowed
        }
        if (s.length() <= 512) {
            Matcher m = ReferenceGrammarTest.REFERENCE.matcher(s);
            String[] scanned = ReferenceGrammar.match(s);
            if (m.matches()) {
                assertArrayEquals(new String[] {m.group(1), nz(m.group(2)), nz(m.group(3))}, scanned, () -> "on " + s);
            } else {
                assertNull(scanned, () -> "on " + s);
            }
            assertEquals(ReferenceGrammarTest.DIGEST_PATTERN.matcher(s).matches(), DockerImageReference.isDigest(s), () -> "digest " + s);
        }
    }

    /** The same property for a long run (README): 10 minutes; its inputs directory is the one above (a link). */
    @FuzzTest(maxDuration = "10m")
    void scannerAgreesWithTheGrammarLong(FuzzedDataProvider data) {
        scannerAgreesWithTheGrammar(data);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
