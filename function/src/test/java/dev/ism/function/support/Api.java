package dev.ism.function.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.store.DynamoStore;
import io.micronaut.context.ApplicationContext;
import dev.ism.function.lambda.HttpApiHandler;
import dev.ism.function.lambda.RestApiHandler;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The function as its users reach it, for tests: one application context (environment "test":
 * DynamoDB Local in-process, the dev auth files) served three ways: over HTTP by the Netty server,
 * and through the real Lambda handlers for API Gateway HTTP API (payload 2.0) and REST API
 * (payload 1.0) events, written as API Gateway sends them and passed as bytes, as the Lambda runtime
 * passes them to a stream handler.
 */
public final class Api implements AutoCloseable {

    /** The three ways in. */
    public enum Via { HTTP, LAMBDA_V2, LAMBDA_V1 }

    public static final String REGISTRY_TOKEN = "dev-registry-token";
    public static final String VIEWER_TOKEN = "dev-viewer-token";
    public static final String NOBODY_TOKEN = "dev-nobody-token";
    public static final String BASE = "/apis/image.openshift.io/v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();
    private static Api shared;
    private volatile String lastAwsRequestId;

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final HttpApiHandler v2;
    private final RestApiHandler v1;
    private final HttpClient http = HttpClient.newHttpClient();

    /** One function for the whole test JVM; tests keep apart by namespace and stream names. */
    public static synchronized Api shared() {
        if (shared == null) {
            shared = new Api(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A function of its own, with extra settings (for tests that change configuration). */
    public Api(Map<String, Object> properties) {
        context = ApplicationContext.builder().environments("test").properties(properties).start();
        server = context.getBean(EmbeddedServer.class).start();
        v2 = new HttpApiHandler(context);
        v1 = new RestApiHandler(context);
    }

    public ApplicationContext context() {
        return context;
    }

    /** Every item of the function's table (see {@link TableItems}). */
    public java.util.List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> scanAll() {
        return TableItems.scanAll(context.getBean(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class), store().tableName());
    }

    public DynamoStore store() {
        return context.getBean(DynamoStore.class);
    }

    public URI url() {
        return server.getURI();
    }

    /** A unique name, for a namespace or a stream of one test. */
    public static String unique(String prefix) {
        return prefix + "-" + IDS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    // ---- requests ----

    /**
     * A response as a client of that way in sees it. {@code headers}: each header's values joined by commas;
     * {@code lists}: each header's values apart, as the client receives them (over HTTP, one per header
     * line; through payload 2.0, only the event's {@code headers} map, since API Gateway's HTTP API
     * ignores {@code multiValueHeaders}; through payload 1.0, {@code multiValueHeaders} then {@code headers},
     * as the REST API merges them).
     */
    public record Response(int code, Map<String, String> headers, String body, Map<String, List<String>> lists) {
        public Response(int code, Map<String, String> headers, String body) {
            this(code, headers, body, Map.of());
        }

        /** Every value of header {@code name} as delivered, in order; empty when absent. */
        public List<String> values(String name) {
            return lists.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public Response post(Via via, String token, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return send(via, "POST", path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), false);
    }

    public Response get(Via via, String token, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return send(via, "GET", path, headers, null, false);
    }

    /** Creates a stream as the registry; fails the test unless it answers 201. */
    public ObjectNode createStream(String namespace, String name) {
        Response r = post(Via.HTTP, REGISTRY_TOKEN, BASE + "/namespaces/" + namespace + "/imagestreams",
                "{\"metadata\":{\"name\":\"" + name + "\"}}");
        if (r.code() != 201) {
            throw new AssertionError("stream creation answered " + r.code() + ": " + r.body());
        }
        return (ObjectNode) r.json();
    }

    /**
     * Sends a request. {@code path} may carry a query string. {@code base64} sends the body base64
     * encoded, as API Gateway does for binary media types (ignored over HTTP).
     */
    public Response send(Via via, String method, String path, Map<String, String> headers, byte[] body, boolean base64) {
        return switch (via) {
            case HTTP -> overHttp(method, path, headers, body);
            case LAMBDA_V2 -> throughV2(method, path, headers, body, base64);
            case LAMBDA_V1 -> throughV1(method, path, headers, body, base64);
        };
    }

    private Response overHttp(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> h = new TreeMap<>();
            Map<String, List<String>> lists = new TreeMap<>();
            r.headers().map().forEach((k, v) -> {
                h.put(k.toLowerCase(Locale.ROOT), String.join(",", v));
                lists.put(k.toLowerCase(Locale.ROOT), List.copyOf(v));
            });
            return new Response(r.statusCode(), h, r.body(), lists);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response throughV2(String method, String path, Map<String, String> headers, byte[] body, boolean base64) {
        return invokeV2(LambdaEvents.v2(method, path, headers, body, base64));
    }

    /** An API Gateway HTTP API (payload 2.0) event, as JSON, through the real v2 handler. */
    public Response invokeV2(String event) {
        return lambdaResponse(LambdaInvoke.invoke(v2, event, lambdaContext()), false);
    }

    private Response throughV1(String method, String path, Map<String, String> headers, byte[] body, boolean base64) {
        String event = LambdaEvents.v1(method, path, headers, body, base64);
        return lambdaResponse(LambdaInvoke.invoke(v1, event, lambdaContext()), true);
    }

    /** A new invocation context, as the Lambda runtime passes one per invocation. */
    private TestLambdaContext lambdaContext() {
        TestLambdaContext c = new TestLambdaContext();
        lastAwsRequestId = c.getAwsRequestId();
        return c;
    }

    /** The Lambda request id of the last invocation through a Lambda handler. */
    public String lastAwsRequestId() {
        return lastAwsRequestId;
    }

    /**
     * The response as the client receives it: {@code lists} holds each header's values as delivered. An HTTP
     * API (payload 2.0) ignores {@code multiValueHeaders}; a REST API (1.0) merges them with {@code headers}.
     */
    private static Response lambdaResponse(LambdaInvoke.Response r, boolean multiValueHeadersDelivered) {
        Map<String, String> h = new TreeMap<>();
        r.multiValueHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        r.headers().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, List<String>> lists = new TreeMap<>();
        if (multiValueHeadersDelivered) {
            r.multiValueHeaders().forEach((k, v) -> lists.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        }
        r.headers().forEach((k, v) -> {
            List<String> values = lists.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>());
            if (!values.contains(v)) {
                values.add(v);
            }
        });
        return new Response(r.statusCode(), h, r.text(), lists);
    }



    @Override
    public void close() {
        context.close();
    }
}
