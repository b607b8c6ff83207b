package dev.ism.function.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.LambdaEvents;
import dev.ism.function.support.LambdaInvoke;
import dev.ism.function.support.TestLambdaContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream handlers read events with the function's Jackson: what API Gateway may add to an event is
 * ignored, and bytes that are no event at all get a 400 Status in the response event's shape (never a
 * Lambda error, never a stack trace).
 */
class StreamHandlersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Api API = Api.shared();
    private final HttpApiHandler v2 = new HttpApiHandler(API.context());
    private final RestApiHandler v1 = new RestApiHandler(API.context());

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "not json", "[1,2]", "{\"rawPath\": 42, \"headers\": []}", "{\"requestContext\": \"x\"}"})
    void bytesThatAreNoEventAnswer400(String event) throws IOException {
        for (var handler : new JsonEventHandler<?, ?>[] {v2, v1}) {
            LambdaInvoke.Response r = LambdaInvoke.invoke(handler, event, new TestLambdaContext());
            assertEquals(400, r.statusCode(), r.json());
            JsonNode status = JSON.readTree(r.text());
            assertEquals("Status", status.path("kind").asText());
            assertEquals("BadRequest", status.path("reason").asText());
            assertEquals(400, status.path("code").asInt());
            assertFalse(r.json().contains("Exception"), r.json());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fieldsApiGatewayMayAddAreIgnored(boolean base64) throws IOException {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + Api.VIEWER_TOKEN);
        ObjectNode e2 = (ObjectNode) JSON.readTree(LambdaEvents.v2("GET", Api.BASE + "/namespaces/myproject/imagestreams", headers, null, base64));
        e2.put("someFutureField", true);
        ((ObjectNode) e2.path("requestContext")).putObject("authentication").put("clientCert", "x");
        LambdaInvoke.Response r = LambdaInvoke.invoke(v2, e2.toString(), new TestLambdaContext());
        assertEquals(200, r.statusCode(), r.json());
        assertTrue(JSON.readTree(r.text()).path("kind").asText().equals("ImageStreamList"), r.text());

        ObjectNode e1 = (ObjectNode) JSON.readTree(LambdaEvents.v1("GET", Api.BASE + "/namespaces/myproject/imagestreams", headers, null, base64));
        e1.put("someFutureField", 1);
        LambdaInvoke.Response r1 = LambdaInvoke.invoke(v1, e1.toString(), new TestLambdaContext());
        assertEquals(200, r1.statusCode(), r1.json());
    }

    @org.junit.jupiter.api.Test
    void responsesLeaveNullFieldsOut() {
        LambdaInvoke.Response r = LambdaInvoke.invoke(v2, LambdaEvents.v2("GET", Api.BASE + "/namespaces/myproject/imagestreams",
                Map.of(), null, false), new TestLambdaContext());
        assertEquals(401, r.statusCode());
        assertFalse(r.json().contains("null"), r.json());
    }
}
