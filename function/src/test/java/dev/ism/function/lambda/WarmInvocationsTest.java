package dev.ism.function.lambda;

import dev.ism.function.support.Api;
import dev.ism.function.support.LambdaEvents;
import dev.ism.function.support.LambdaInvoke;
import dev.ism.function.support.TestLambdaContext;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A warm Lambda serves hundreds of thousands of invocations, each with a new {@code Context}: nothing
 * may grow with them. 100,000 invocations of the real API Gateway HTTP API handler (template.yaml's, event bytes in and out), each with an
 * invocation context of its own, leave the application context's bean definitions as they were, let
 * every invocation context be collected, and keep the heap after GC where it was after the first 10,000.
 * (micronaut-function-aws 4.11.0's API Gateway handlers registered two bean definitions per invocation: see
 * {@link JsonEventHandler}.)
 */
class WarmInvocationsTest {

    private static final int INVOCATIONS = 100_000;
    private static final int WARM_UP = 10_000;
    private static ApplicationContext context;
    private static HttpApiHandler handler;

    @BeforeAll
    static void start() {
        // As the handler's no-argument constructor builds it on Lambda (environments function and lambda), plus the
        // test environment's DynamoDB Local and dev auth files.
        context = LambdaContext.builder().environments("test").start();
        handler = new HttpApiHandler(context);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void hundredThousandInvocationsLeaveNothingBehind() {
        // An invalid mapping of an authorized caller: authentication, authorization, routing, the
        // controller, validation and a 422 Status, and no DynamoDB call.
        String json = LambdaEvents.v2("POST", Api.BASE + "/namespaces/warm/imagestreammappings",
                Map.of("Authorization", "Bearer " + Api.REGISTRY_TOKEN, "Content-Type", "application/json"),
                "{\"metadata\":{\"name\":\"ruby\"},\"image\":{}}".getBytes(StandardCharsets.UTF_8), false);

        ReferenceQueue<TestLambdaContext> collected = new ReferenceQueue<>();
        List<Reference<TestLambdaContext>> watched = new ArrayList<>();
        int definitionsAtStart = context.getAllBeanDefinitions().size();
        int definitionsBefore = 0;
        long heapAfterWarmUp = 0;
        for (int i = 0; i < INVOCATIONS; i++) {
            if (i == 1000) {
                // Fails fast where invocations accumulate beans: each lookup then slows, and 100,000 take hours.
                assertEquals(definitionsAtStart, context.getAllBeanDefinitions().size(), "bean definitions added by 1,000 invocations");
            }
            if (i == WARM_UP) {
                definitionsBefore = context.getAllBeanDefinitions().size();
                heapAfterWarmUp = heapAfterGc();
            }
            TestLambdaContext invocation = new TestLambdaContext();
            if (i % 1000 == 0) {
                watched.add(new WeakReference<>(invocation, collected));
            }
            LambdaInvoke.Response response = LambdaInvoke.invoke(handler, json, invocation);
            if (response.statusCode() != 422) {
                throw new AssertionError("invocation " + i + " answered " + response.statusCode() + ": " + response.body());
            }
        }

        assertEquals(definitionsBefore, context.getAllBeanDefinitions().size(), "bean definitions added by invocations");
        long grown = heapAfterGc() - heapAfterWarmUp;
        assertTrue(grown < 8L << 20, "heap after GC grew by " + (grown >> 10) + " KiB over " + (INVOCATIONS - WARM_UP) + " invocations");
        int cleared = 0;
        for (int gc = 0; gc < 20 && cleared < watched.size(); gc++) {
            System.gc();
            while (collected.poll() != null) {
                cleared++;
            }
        }
        assertEquals(watched.size(), cleared, "invocation contexts still reachable after the invocations ended");
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
