package dev.ism.function.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.api.ApiResponse;
import dev.ism.function.api.Responses;
import dev.ism.function.support.Api;
import dev.ism.function.support.LambdaEvents;
import dev.ism.function.support.LambdaInvoke;
import dev.ism.function.support.TestLambdaContext;
import dev.ism.schema.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /**
     * An event the handler leaves to Jackson's binding (an authorizer; a number where a string goes, which the binding
     * converts) is read twice: from its mark when the runtime's stream has one, else from a copy of its bytes.
     */
    @org.junit.jupiter.api.Test
    void eventsLeftToTheBindingAreServedFromStreamsWithAndWithoutMarks() throws IOException {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + Api.VIEWER_TOKEN);
        ObjectNode event = (ObjectNode) JSON.readTree(LambdaEvents.v2("GET", Api.BASE + "/namespaces/myproject/imagestreams", headers, null, false));
        ((ObjectNode) event.path("requestContext")).putObject("authorizer").putObject("jwt").putArray("scopes").add("a");
        ((ObjectNode) event.path("requestContext")).put("stage", 7);
        byte[] bytes = event.toString().getBytes(StandardCharsets.UTF_8);
        assertFalse(HttpApiEventsCheck.readHere(bytes), "left to the binding");
        for (boolean marks : new boolean[] {true, false}) {
            InputStream in = marks ? new ByteArrayInputStream(bytes) : new FilterInputStream(new ByteArrayInputStream(bytes)) {
                @Override
                public boolean markSupported() {
                    return false;
                }
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            v2.handleRequest(in, out, new TestLambdaContext());
            JsonNode response = JSON.readTree(out.toByteArray());
            assertEquals(200, response.path("statusCode").asInt(), response.toString());
            assertEquals("ImageStreamList", JSON.readTree(response.path("body").asText()).path("kind").asText(), response.toString());
        }
    }

    /**
     * A mapping's plain 201 is written as the bytes made at the first one: the same as the general writing gives, every
     * time; a 201 with a warning, or pretty, is written in full.
     */
    @org.junit.jupiter.api.Test
    void thePlainCreatedEventIsWhatWritingItGives() throws IOException {
        ApiResponse created = Responses.status(Status.success(201));
        assertTrue(HttpApiHandler.isPlainCreated(created));
        ByteArrayOutputStream general = new ByteArrayOutputStream();
        HttpApiEvents.write(JsonEventHandler.EVENTS.getFactory(), general, 201, Map.of("Content-Type", ApiResponse.JSON),
                new String(created.body(), StandardCharsets.UTF_8), false);
        for (int i = 0; i < 3; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            v2.write(out, Responses.status(Status.success(201)));
            assertEquals(general.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
        }
        ApiResponse warned = created.withHeader("Warning", "299 - \"unknown field\"");
        assertFalse(HttpApiHandler.isPlainCreated(warned));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v2.write(out, warned);
        assertEquals("299 - \"unknown field\"", JSON.readTree(out.toByteArray()).path("headers").path("Warning").asText());
        ApiResponse pretty = new ApiResponse(201, ApiResponse.JSON, Responses.render(Status.success(201), true), java.util.List.of());
        assertFalse(HttpApiHandler.isPlainCreated(pretty));
        out.reset();
        v2.write(out, pretty);
        assertEquals(new String(pretty.body(), StandardCharsets.UTF_8), JSON.readTree(out.toByteArray()).path("body").asText());
    }

    @org.junit.jupiter.api.Test
    void responsesLeaveNullFieldsOut() {
        LambdaInvoke.Response r = LambdaInvoke.invoke(v2, LambdaEvents.v2("GET", Api.BASE + "/namespaces/myproject/imagestreams",
                Map.of(), null, false), new TestLambdaContext());
        assertEquals(401, r.statusCode());
        assertFalse(r.json().contains("null"), r.json());
    }

    /**
     * Events no HTTP request could have become get a 400 Status from either payload's handler, before the API sees
     * them: no method, a path that is no URI path, a header line HTTP does not allow, a body flagged base64 that is not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"no method", "space in path", "relative path", "bad escape", "header name", "header value", "base64"})
    void eventsNoHttpRequestCouldBeAnswer400OnBothPayloads(String what) throws IOException {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + Api.REGISTRY_TOKEN, "Content-Type", "application/json");
        String path = Api.BASE + "/namespaces/myproject/imagestreams";
        ObjectNode e2 = (ObjectNode) JSON.readTree(LambdaEvents.v2("POST", path, headers, "{}".getBytes(), false));
        ObjectNode e1 = (ObjectNode) JSON.readTree(LambdaEvents.v1("POST", path, headers, "{}".getBytes(), false));
        switch (what) {
            case "no method" -> {
                ((ObjectNode) e2.path("requestContext").path("http")).remove("method");
                e1.remove("httpMethod");
            }
            case "space in path", "relative path", "bad escape" -> {
                String bad = what.equals("space in path") ? path + "/a b" : what.equals("relative path") ? "apis/x" : path + "/%zz";
                e2.put("rawPath", bad);
                e1.put("path", bad);
            }
            case "header name", "header value" -> {
                String name = what.equals("header name") ? "X Bad" : "X-Bad";
                String value = what.equals("header name") ? "v" : "a\u0001b";
                ((ObjectNode) e2.path("headers")).put(name, value);
                ((ObjectNode) e1.path("headers")).put(name, value);
                ObjectNode multi = e1.has("multiValueHeaders") && e1.get("multiValueHeaders").isObject()
                        ? (ObjectNode) e1.get("multiValueHeaders") : e1.putObject("multiValueHeaders");
                multi.putArray(name).add(value);
            }
            default -> {
                e2.put("body", "not base64!").put("isBase64Encoded", true);
                e1.put("body", "not base64!").put("isBase64Encoded", true);
            }
        }
        int rows = API.scanAll().size();
        for (var pair : new Object[][] {{v2, e2}, {v1, e1}}) {
            LambdaInvoke.Response r = LambdaInvoke.invoke((JsonEventHandler<?, ?>) pair[0], pair[1].toString(), new TestLambdaContext());
            assertEquals(400, r.statusCode(), what + " " + r.json());
            JsonNode status = JSON.readTree(r.text());
            assertEquals("BadRequest", status.path("reason").asText(), r.text());
            assertFalse(r.json().contains("Exception"), r.json());
        }
        assertEquals(rows, API.scanAll().size(), "nothing written");
    }
}
