package dev.ism.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.api.ApiRequest;
import dev.ism.function.support.Api;
import dev.ism.function.support.RepoFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The request the API gets from the recorded API Gateway events of {@code events/}: the same facts whichever
 * kind of event (and the local server's, {@code server/ServerRoutesTest}).
 */
class EventRequestTest {

    private static final HttpApiHandler V2 = new HttpApiHandler(Api.shared().context());
    private static final RestApiHandler V1 = new RestApiHandler(Api.shared().context());

    /** API Gateway's request id, the invocation's, method, path, headers, body: from recorded events. */
    @Test
    void recordedEvents() {
        ApiRequest v2 = v2(RepoFiles.event("create-stream.json"));
        assertEquals(ApiRequest.Transport.HTTP_API, v2.transport());
        assertEquals("JK05XmPLvHcESA=", v2.requestId());
        assertEquals("lambda-1", v2.lambdaRequestId());
        assertEquals("POST", v2.method());
        assertEquals("/apis/image.openshift.io/v1/namespaces/myproject/imagestreams", v2.path());
        assertEquals("application/json", v2.headers().get("Content-Type"));
        assertEquals("application/json", v2.headers().get("content-type"));
        assertNotEquals(0, v2.body().length);
        assertEquals(List.of(), v2.query().all("dryRun"));

        ApiRequest v1 = v1(RepoFiles.event("v1/get-stream.json"));
        assertEquals(ApiRequest.Transport.REST_API, v1.transport());
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadb017", v1.requestId());
        assertEquals("GET", v1.method());
        assertEquals("/apis/image.openshift.io/v1/namespaces/myproject/imagestreams/ruby", v1.path());
        assertNotNull(v1.headers().get("authorization"));
        assertEquals(0, v1.body().length);
    }

    /** The HTTP API's query as sent: a value with a comma stays one value (queryStringParameters joins repeats with commas). */
    @Test
    void httpApiQueryIsReadFromTheRawQueryString() {
        ObjectNode event = json(RepoFiles.event("dry-run.json"));
        assertEquals("dryRun=All", event.path("rawQueryString").asText());
        assertEquals(List.of("All"), v2(event.toString()).query().all("dryRun"));

        event.put("rawQueryString", "fieldManager=a%2Cb&fieldManager=c&dryRun=All");
        event.putObject("queryStringParameters").put("fieldManager", "a,b,c").put("dryRun", "All");
        assertEquals(List.of("a,b", "c"), v2(event.toString()).query().all("fieldManager"));

        event.remove("rawQueryString");
        assertEquals(List.of("All"), v2(event.toString()).query().all("dryRun"), "without rawQueryString, the parameters");
    }

    /** The REST API's query: every value apart in multiValueQueryStringParameters, else the single values. */
    @Test
    void restApiQueryIsReadFromTheMultiValueParameters() {
        ObjectNode event = json(RepoFiles.event("v1/get-stream.json"));
        event.putObject("multiValueQueryStringParameters").putArray("fieldManager").add("a,b").add("c");
        event.putObject("queryStringParameters").put("fieldManager", "c");
        assertEquals(List.of("a,b", "c"), v1(event.toString()).query().all("fieldManager"));

        event.putNull("multiValueQueryStringParameters");
        assertEquals(List.of("c"), v1(event.toString()).query().all("fieldManager"));
    }

    @Test
    void bodies() {
        ObjectNode event = json(RepoFiles.event("create-stream.json"));
        event.put("body", "");
        assertEquals(0, v2(event.toString()).body().length);
        event.putNull("body");
        assertEquals(0, v2(event.toString()).body().length);
        event.put("body", "e30=").put("isBase64Encoded", true);
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), v2(event.toString()).body());
    }

    /** Without API Gateway's request id, the caller's X-Request-Id when it is safe to log, else a new id. */
    @Test
    void requestIdWithoutApiGatewaysIsTheCallersOrNew() {
        ObjectNode event = json(RepoFiles.event("create-stream.json"));
        ((ObjectNode) event.path("requestContext")).remove("requestId");
        ((ObjectNode) event.path("headers")).put("x-request-id", "caller-1.2:3_4");
        assertEquals("caller-1.2:3_4", v2(event.toString()).requestId());

        ((ObjectNode) event.path("headers")).put("x-request-id", "not safe");
        String id = v2(event.toString()).requestId();
        assertEquals(id, UUID.fromString(id).toString());

        ApiRequest.Headers none = name -> null;
        assertEquals("x".repeat(128), ApiRequest.requestId(null, name -> "x".repeat(128)));
        assertNotEquals("x".repeat(129), ApiRequest.requestId(null, name -> "x".repeat(129)));
        assertNotEquals(ApiRequest.requestId(null, none), ApiRequest.requestId(null, none));
        assertNull(none.get("X-Request-Id"));
    }

    private static ApiRequest v2(String json) {
        return V2.request(read(json, APIGatewayV2HTTPEvent.class), "lambda-1", System.nanoTime());
    }

    private static ApiRequest v1(String json) {
        return V1.request(read(json, APIGatewayProxyRequestEvent.class), "lambda-1", System.nanoTime());
    }

    private static ObjectNode json(String text) {
        return read(text, ObjectNode.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JsonEventHandler.EVENTS.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
