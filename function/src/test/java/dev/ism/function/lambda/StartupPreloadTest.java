package dev.ism.function.lambda;

import dev.ism.schema.ImageStreamMappingValidator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cold start's preloading threads: daemons (they never hold a JVM up), one per processor beyond the first at
 * most, and each ends by itself, its refused DynamoDB calls and all, without an error escaping. Each preload does
 * its work: the DynamoDB one gets as far as the HTTP connection (refused), the validator is built.
 */
class StartupPreloadTest {

    @Test
    void preloadingThreadsAreDaemonsThatEndByThemselves() throws InterruptedException {
        List<Thread> threads = StartupPreload.start();
        if (Runtime.getRuntime().availableProcessors() < 2) {
            assertEquals(List.of(), threads, "no preloading on one CPU");
            return;
        }
        assertEquals(2, threads.size());
        for (Thread t : threads) {
            assertTrue(t.isDaemon(), t.getName());
            t.join(120_000); // an upper bound only: each ends in about a second
            assertFalse(t.isAlive(), t.getName() + " still running");
        }
    }

    @Test
    void theDynamoDbPreloadReachesTheConnection() {
        SdkClientException refused = org.junit.jupiter.api.Assertions.assertThrows(SdkClientException.class, StartupPreload::dynamoDb);
        assertTrue(String.valueOf(refused.getMessage()).contains("Unable to execute HTTP request"), refused.getMessage());
    }

    @Test
    void theValidatorPreloadBuildsOne() {
        assertTrue(ImageStreamMappingValidator.withInternalRegistry(null) != null);
    }
}
