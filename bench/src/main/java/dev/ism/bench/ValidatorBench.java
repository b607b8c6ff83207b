package dev.ism.bench;

import dev.ism.schema.ImageStreamMappingValidator;
import dev.ism.schema.Outcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The schema module alone, as the floor's {@code parseValidate} measures its own: the registry's push (valid) and an
 * invalid mapping, bytes in, the validator's outcome out (decode, schema, the mapping's rules).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ValidatorBench {

    private ImageStreamMappingValidator validator;
    private byte[] push;
    private byte[] invalid;

    @Setup
    public void start() throws IOException {
        validator = ImageStreamMappingValidator.create();
        try (InputStream in = ValidatorBench.class.getResourceAsStream("/manifests/ism-registry-push-schema2.json")) {
            push = in.readAllBytes();
        }
        invalid = "{\"kind\":\"ImageStreamMapping\",\"apiVersion\":\"image.openshift.io/v1\",\"metadata\":{\"name\":\"ruby\"},\"image\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        if (!(validator.validate(push, "myproject") instanceof Outcome.Valid)) {
            throw new IllegalStateException("the push must be valid");
        }
    }

    @Benchmark
    public Outcome validatePush() {
        return validator.validate(push, "myproject");
    }

    @Benchmark
    public Outcome validateInvalid() {
        return validator.validate(invalid, "myproject");
    }
}
