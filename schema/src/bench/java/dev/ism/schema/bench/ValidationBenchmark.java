package dev.ism.schema.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.schema.ImageStreamMappingValidator;
import dev.ism.schema.Outcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Parse and validation of the registry-push example ({@code examples/ism-registry-push-schema2.json}):
 * Jackson's parse alone, the validator on the parsed tree (schema and semantic rules), and both; and both for an
 * invalid mapping (the decoder, the schema's findings and the semantic rules, into a 422's causes).
 * Run with {@code mvn -B -Pbench -pl schema clean verify -DskipTests}; {@code bench/run.sh} runs it too, beside the
 * performance floor's {@code parseValidate}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(2)
public class ValidationBenchmark {

    private final ObjectMapper mapper = new ObjectMapper();
    private ImageStreamMappingValidator validator;
    private byte[] body;
    private byte[] invalid;
    private JsonNode parsed;

    @Setup
    public void setUp() throws IOException {
        validator = ImageStreamMappingValidator.create();
        try (InputStream in = ValidationBenchmark.class.getResourceAsStream("/examples/ism-registry-push-schema2.json")) {
            body = in.readAllBytes();
        }
        invalid = "{\"kind\":\"ImageStreamMapping\",\"apiVersion\":\"image.openshift.io/v1\",\"metadata\":{\"name\":\"ruby\"},\"image\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        parsed = mapper.readTree(body);
        if (!(validator.validate(parsed, "myproject") instanceof Outcome.Valid)) {
            throw new IllegalStateException("the example must be valid");
        }
    }

    @Benchmark
    public JsonNode parse() throws IOException {
        return mapper.readTree(body);
    }

    @Benchmark
    public Outcome validate() {
        return validator.validate(parsed, "myproject");
    }

    @Benchmark
    public Outcome parseAndValidate() {
        return validator.validate(body, "myproject");
    }

    @Benchmark
    public Outcome parseAndValidateInvalid() {
        return validator.validate(invalid, "myproject");
    }
}
