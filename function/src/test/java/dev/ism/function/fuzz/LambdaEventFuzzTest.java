package dev.ism.function.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.lambda.HttpApiEventsCheck;
import dev.ism.function.support.Api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Coverage-guided fuzzing (Jazzer) of the Lambda path: bytes from the fuzzer become an API Gateway HTTP API
 * event (one of the seed events of {@link LambdaFuzzTest}, edited in its path, query, method, headers, body
 * and base64 flag; or, when the fuzzer says so, the event's bytes themselves), which goes through the
 * deployed stream handler ({@code HttpApiHandler}) as bytes, against DynamoDB Local. The rules are
 * {@link LambdaFuzzTest#broken}'s: never a 5xx other than 503/504, always JSON, every failure a Status whose
 * code is the HTTP status, no internals; and the handler's own reading of the event ({@code HttpApiEvents}) either
 * leaves it to Jackson's binding or reads it as the binding does.
 *
 * <p>In a normal build a regression run over the committed inputs ({@code LambdaEventFuzzTestInputs/}); the
 * function's pom fuzzes it for a fixed number of inputs ({@code JAZZER_FUZZ=1}); a long run is one command
 * (README, "Limits and failure behaviour").
 */
class LambdaEventFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Api API = Api.shared();
    private static final List<ObjectNode> SEEDS = seeds();

    @FuzzTest(maxExecutions = 3_000)
    void events(FuzzedDataProvider data) throws Exception {
        String event;
        boolean head = false;
        if (data.consumeBoolean()) {
            event = data.consumeRemainingAsString();
        } else {
            ObjectNode e = SEEDS.get(data.consumeInt(0, SEEDS.size() - 1)).deepCopy();
            for (int edits = data.consumeInt(1, 4); edits > 0; edits--) {
                edit(e, data);
            }
            head = "HEAD".equals(e.path("requestContext").path("http").path("method").asText());
            event = JSON.writeValueAsString(e);
        }
        assertNull(HttpApiEventsCheck.mismatch(event.getBytes(StandardCharsets.UTF_8)), event);
        assertNull(LambdaFuzzTest.broken(API.invokeV2(event), head, event), event);
    }

    /** The same property for a long run: 10 minutes over the same inputs. */
    @FuzzTest(maxDuration = "10m")
    void eventsLong(FuzzedDataProvider data) throws Exception {
        events(data);
    }

    private static void edit(ObjectNode e, FuzzedDataProvider data) {
        ObjectNode http = e.with("requestContext").with("http");
        switch (data.consumeInt(0, 7)) {
            case 0 -> {
                String path = data.consumeString(300);
                e.put("rawPath", path);
                http.put("path", path);
            }
            case 1 -> e.put("rawQueryString", data.consumeString(300));
            case 2 -> http.put("method", data.pickValue(new String[] {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", data.consumeString(10)}));
            case 3 -> e.with("headers").put(data.consumeString(40), data.consumeString(300));
            case 4 -> e.with("headers").put(data.pickValue(new String[] {"authorization", "content-type", "accept", "content-length"}),
                    data.consumeString(300));
            case 5 -> e.put("body", data.consumeString(5_000));
            case 6 -> e.put("isBase64Encoded", data.consumeBoolean());
            default -> {
                List<String> names = new ArrayList<>();
                e.fieldNames().forEachRemaining(names::add);
                if (!names.isEmpty()) {
                    e.remove(names.get(data.consumeInt(0, names.size() - 1)));
                }
            }
        }
    }

    private static List<ObjectNode> seeds() {
        try {
            return LambdaFuzzTest.seeds();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
