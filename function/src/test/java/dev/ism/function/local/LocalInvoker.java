package dev.ism.function.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.function.support.TestLambdaContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import dev.ism.function.lambda.HttpApiHandler;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Runs API Gateway event JSON through the function's real Lambda handlers as the Lambda Java runtime does:
 * the event is read with the runtime's own serializers ({@code aws-lambda-java-serialization}), passed to
 * {@code handleRequest}, and the response event written back to JSON with them. HTTP API payload 2.0 events
 * go to {@link HttpApiHandler} (template.yaml's handler), REST API payload 1.0 events to
 * {@link ApiGatewayProxyRequestEventFunction}. Each handler is built once, on first use, and reused, as one
 * warm Lambda instance would.
 */
public final class LocalInvoker implements AutoCloseable {

    /** The two API Gateway proxy payloads. */
    public enum Payload { HTTP_API_V2, REST_API_V1 }

    /** One invocation: the payload kind, the response's status, the response event as JSON and its decoded body. */
    public record Invocation(Payload payload, int statusCode, String responseJson, String body) {
        public JsonNode bodyJson() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("response body is not JSON: " + body, e);
            }
        }

        public JsonNode response() {
            try {
                return JSON.readTree(responseJson);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClassLoader LOADER = LocalInvoker.class.getClassLoader();
    private static final PojoSerializer<APIGatewayV2HTTPEvent> V2_IN =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LOADER);
    private static final PojoSerializer<APIGatewayV2HTTPResponse> V2_OUT =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, LOADER);
    private static final PojoSerializer<APIGatewayProxyRequestEvent> V1_IN =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, LOADER);
    private static final PojoSerializer<APIGatewayProxyResponseEvent> V1_OUT =
            LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, LOADER);

    private final Supplier<APIGatewayV2HTTPEventFunction> newV2;
    private final Supplier<ApiGatewayProxyRequestEventFunction> newV1;
    private final boolean ownsHandlers;
    private APIGatewayV2HTTPEventFunction v2;
    private ApiGatewayProxyRequestEventFunction v1;

    private LocalInvoker(Supplier<APIGatewayV2HTTPEventFunction> newV2, Supplier<ApiGatewayProxyRequestEventFunction> newV1,
                         boolean ownsHandlers) {
        this.newV2 = newV2;
        this.newV1 = newV1;
        this.ownsHandlers = ownsHandlers;
    }

    /**
     * Handlers built as Lambda builds them, with their no-argument constructors: each starts its own
     * application context (environments {@code function} and {@code lambda}) configured by environment
     * variables and system properties.
     */
    public static LocalInvoker asLambdaBuildsIt() {
        return new LocalInvoker(HttpApiHandler::new, ApiGatewayProxyRequestEventFunction::new, true);
    }

    /** Handlers on an application context the caller owns (tests). */
    public static LocalInvoker on(ApplicationContext context) {
        return new LocalInvoker(() -> new HttpApiHandler(context),
                () -> new ApiGatewayProxyRequestEventFunction(context), false);
    }

    /** The payload an event is written in: {@code "version": "2.0"} is HTTP API, {@code httpMethod} REST API. */
    public static Payload payloadOf(String eventJson) {
        JsonNode e;
        try {
            e = JSON.readTree(eventJson);
        } catch (IOException ex) {
            throw new IllegalArgumentException("not JSON: " + ex.getMessage(), ex);
        }
        if ("2.0".equals(e.path("version").asText()) && e.has("requestContext")) {
            return Payload.HTTP_API_V2;
        }
        if (e.has("httpMethod") && e.has("requestContext")) {
            return Payload.REST_API_V1;
        }
        throw new IllegalArgumentException("not an API Gateway proxy event (payload 2.0 \"version\": \"2.0\", or 1.0 \"httpMethod\")");
    }

    public Invocation invoke(String eventJson) {
        return switch (payloadOf(eventJson)) {
            case HTTP_API_V2 -> {
                if (v2 == null) {
                    v2 = newV2.get();
                }
                APIGatewayV2HTTPResponse r = v2.handleRequest(V2_IN.fromJson(eventJson), new TestLambdaContext());
                yield new Invocation(Payload.HTTP_API_V2, r.getStatusCode(), toJson(V2_OUT, r), body(r.getBody(), r.getIsBase64Encoded()));
            }
            case REST_API_V1 -> {
                if (v1 == null) {
                    v1 = newV1.get();
                }
                APIGatewayProxyResponseEvent r = v1.handleRequest(V1_IN.fromJson(eventJson), new TestLambdaContext());
                yield new Invocation(Payload.REST_API_V1, r.getStatusCode(), toJson(V1_OUT, r),
                        body(r.getBody(), Boolean.TRUE.equals(r.getIsBase64Encoded())));
            }
        };
    }

    private static <T> String toJson(PojoSerializer<T> serializer, T response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String body(String body, boolean base64) {
        if (body == null) {
            return "";
        }
        return base64 ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /** Closes the handlers (and their contexts) this invoker built; never a context it was given. */
    @Override
    public void close() {
        if (ownsHandlers) {
            if (v2 != null) {
                v2.close();
            }
            if (v1 != null) {
                v1.close();
            }
        }
    }
}
