package dev.ism.function.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ism.function.lambda.HttpApiHandler;
import dev.ism.function.lambda.RestApiHandler;
import dev.ism.function.support.LambdaInvoke;
import dev.ism.function.support.TestLambdaContext;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Runs API Gateway event JSON through the function's real Lambda handlers as the Lambda Java runtime does
 * for a stream handler: the event's bytes in, the response event's bytes out. HTTP API payload 2.0 events
 * go to {@link HttpApiHandler} (template.yaml's handler), REST API payload 1.0 events to
 * {@link RestApiHandler}. Each handler is built once, on first use, and reused, as one
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

    private final Supplier<HttpApiHandler> newV2;
    private final Supplier<RestApiHandler> newV1;
    private final boolean ownsHandlers;
    private HttpApiHandler v2;
    private RestApiHandler v1;

    private LocalInvoker(Supplier<HttpApiHandler> newV2, Supplier<RestApiHandler> newV1, boolean ownsHandlers) {
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
        return new LocalInvoker(HttpApiHandler::new, RestApiHandler::new, true);
    }

    /** Handlers on an application context the caller owns (tests). */
    public static LocalInvoker on(ApplicationContext context) {
        return new LocalInvoker(() -> new HttpApiHandler(context), () -> new RestApiHandler(context), false);
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
        Payload payload = payloadOf(eventJson);
        RequestStreamHandler handler = switch (payload) {
            case HTTP_API_V2 -> v2 == null ? (v2 = newV2.get()) : v2;
            case REST_API_V1 -> v1 == null ? (v1 = newV1.get()) : v1;
        };
        LambdaInvoke.Response r = LambdaInvoke.invoke(handler, eventJson, new TestLambdaContext());
        return new Invocation(payload, r.statusCode(), r.json(), r.text());
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
