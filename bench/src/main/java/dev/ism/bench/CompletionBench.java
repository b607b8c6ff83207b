package dev.ism.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.image.ImageCompletion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * The Image's completion from its manifest and config ({@link ImageCompletion}) on the registry's push, alone:
 * the largest part of a dry run's own time (a third of its CPU samples in a JFR profile of {@code dryRunOwn}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompletionBench {

    private ObjectNode image;

    @Setup(Level.Trial)
    public void read() throws IOException {
        try (InputStream in = CompletionBench.class.getResourceAsStream("/manifests/ism-registry-push-schema2.json")) {
            image = (ObjectNode) new ObjectMapper().readTree(in).get("image");
        }
    }

    @Benchmark
    public ObjectNode complete() {
        return ImageCompletion.complete(image);
    }
}
