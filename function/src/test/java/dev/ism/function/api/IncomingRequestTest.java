package dev.ism.function.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.auth.Attributes;
import dev.ism.function.lambda.LambdaInvocation;
import dev.ism.function.support.RepoFiles;
import dev.ism.function.support.TestLambdaContext;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyServletRequest;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventServletRequest;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request facts from the recorded API Gateway events of {@code events/}, read into Micronaut's own Lambda
 * requests as its handlers build them, and from a request as the local server's: the same facts whichever
 * way in.
 */
class IncomingRequestTest {

    /** As the function's stream handlers read events: unknown fields ignored. */
    private static final ObjectMapper EVENTS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** API Gateway's request id, the invocation's, whether a body came, what the path asks: from recorded events. */
    @Test
    void recordedEvents() {
        assertFacts(IncomingRequest.Transport.HTTP_API, "create-stream.json", "JK05XmPLvHcESA=", false,
                new Attributes("create", "image.openshift.io", "imagestreams", "myproject", ""));
        assertFacts(IncomingRequest.Transport.REST_API, "v1/get-stream.json", "c6af9ac6-7b61-11e6-9a41-93e8deadb017", true,
                new Attributes("get", "image.openshift.io", "imagestreams", "myproject", "ruby"));
    }

    private static void assertFacts(IncomingRequest.Transport transport, String file, String requestId, boolean bodyAbsent,
                                    Attributes attributes) {
        String awsRequestId = invocation();
        String json = RepoFiles.event(file);
        IncomingRequest in = IncomingRequest.read(transport == IncomingRequest.Transport.HTTP_API ? httpApi(json) : restApi(json));

        assertEquals(transport, in.transport(), file);
        assertEquals(requestId, in.requestId(), file);
        assertEquals(awsRequestId, in.lambdaRequestId(), file);
        assertEquals(bodyAbsent, in.bodyAbsent(), file);
        assertEquals(List.of(), in.query().all("dryRun"), file);
        assertEquals(Optional.of(attributes), in.attributes(), file);
    }

    /** The HTTP API's query as sent: a value with a comma stays one value (queryStringParameters joins repeats with commas). */
    @Test
    void httpApiQueryIsReadFromTheRawQueryString() {
        ObjectNode event = json(RepoFiles.event("dry-run.json"));
        assertEquals("dryRun=All", event.path("rawQueryString").asText());
        assertEquals(List.of("All"), IncomingRequest.read(httpApi(event.toString())).query().all("dryRun"));

        event.put("rawQueryString", "fieldManager=a%2Cb&fieldManager=c&dryRun=All");
        event.putObject("queryStringParameters").put("fieldManager", "a,b,c").put("dryRun", "All");
        assertEquals(List.of("a,b", "c"), IncomingRequest.read(httpApi(event.toString())).query().all("fieldManager"));
    }

    /** The REST API's query: every value apart in multiValueQueryStringParameters, else the single values. */
    @Test
    void restApiQueryIsReadFromTheMultiValueParameters() {
        ObjectNode event = json(RepoFiles.event("v1/get-stream.json"));
        event.putObject("multiValueQueryStringParameters").putArray("fieldManager").add("a,b").add("c");
        event.putObject("queryStringParameters").put("fieldManager", "c");
        assertEquals(List.of("a,b", "c"), IncomingRequest.read(restApi(event.toString())).query().all("fieldManager"));

        event.putNull("multiValueQueryStringParameters");
        assertEquals(List.of("c"), IncomingRequest.read(restApi(event.toString())).query().all("fieldManager"));
    }

    @Test
    void eventWithEmptyBodyHasNoBody() {
        ObjectNode event = json(RepoFiles.event("create-stream.json"));
        event.put("body", "");
        assertTrue(IncomingRequest.read(httpApi(event.toString())).bodyAbsent());
        event.putNull("body");
        assertTrue(IncomingRequest.read(httpApi(event.toString())).bodyAbsent());
    }

    /** Without API Gateway's request id, the caller's X-Request-Id when it is safe to log, else a new id. */
    @Test
    void requestIdWithoutApiGatewaysIsTheCallersOrNew() {
        ObjectNode event = json(RepoFiles.event("create-stream.json"));
        ((ObjectNode) event.path("requestContext")).remove("requestId");
        ((ObjectNode) event.path("headers")).put("x-request-id", "caller-1.2:3_4");
        assertEquals("caller-1.2:3_4", IncomingRequest.read(httpApi(event.toString())).requestId());

        ((ObjectNode) event.path("headers")).put("x-request-id", "not safe");
        String id = IncomingRequest.read(httpApi(event.toString())).requestId();
        assertEquals(id, UUID.fromString(id).toString());

        assertEquals("x".repeat(128), IncomingRequest.callerOrNewId("x".repeat(128)));
        assertNotEquals("x".repeat(129), IncomingRequest.callerOrNewId("x".repeat(129)));
        assertNotEquals("", IncomingRequest.callerOrNewId(""));
    }

    @Test
    void localServerRequest() {
        invocation(); // a Lambda request id on this thread is not the local request's
        HttpRequest<?> request = HttpRequest.GET("/apis/image.openshift.io/v1/namespaces/ns/imagestreams?fieldManager=a,b&pretty=1")
                .header("X-Request-Id", "local-1");
        IncomingRequest in = IncomingRequest.read(request);

        assertEquals(IncomingRequest.Transport.NETTY, in.transport());
        assertEquals("local-1", in.requestId());
        assertNull(in.lambdaRequestId());
        assertFalse(in.bodyAbsent());
        assertEquals("1", in.query().first("pretty"));
        assertEquals(Optional.of(new Attributes("list", "image.openshift.io", "imagestreams", "ns", "")), in.attributes());
    }

    @Test
    void nonResourceRequestHasNoAttributes() {
        assertEquals(Optional.empty(), IncomingRequest.read(HttpRequest.GET("/version")).attributes());
        assertEquals(Optional.empty(), IncomingRequest.read(HttpRequest.GET("/apis/image.openshift.io/v1")).attributes());
    }

    /** Read once: every filter and controller of the request gets the same facts (and the same new id). */
    @Test
    void readOncePerRequest() {
        HttpRequest<?> request = HttpRequest.GET("/version");
        IncomingRequest first = IncomingRequest.of(request);
        assertSame(first, IncomingRequest.of(request));
        assertNotEquals(first.requestId(), IncomingRequest.of(HttpRequest.GET("/version")).requestId());
    }

    /** Registers a Lambda invocation on this thread, as the handler does before serving it; returns its id. */
    private static String invocation() {
        TestLambdaContext context = new TestLambdaContext();
        new LambdaInvocation().registerSingletons(context);
        return context.getAwsRequestId();
    }

    private static HttpRequest<?> httpApi(String json) {
        return new APIGatewayV2HTTPEventServletRequest<>(read(json, APIGatewayV2HTTPEvent.class), null, ConversionService.SHARED, null);
    }

    private static HttpRequest<?> restApi(String json) {
        return new ApiGatewayProxyServletRequest<>(read(json, APIGatewayProxyRequestEvent.class), null, ConversionService.SHARED, null);
    }

    private static ObjectNode json(String text) {
        return read(text, ObjectNode.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return EVENTS.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
