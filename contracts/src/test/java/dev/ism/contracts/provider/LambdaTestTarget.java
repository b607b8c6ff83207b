package dev.ism.contracts.provider;

import au.com.dius.pact.core.model.ContentType;
import au.com.dius.pact.core.model.IRequest;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.OptionalBody;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.PactSource;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import au.com.dius.pact.core.model.generators.GeneratorTestMode;
import au.com.dius.pact.provider.IProviderInfo;
import au.com.dius.pact.provider.IProviderVerifier;
import au.com.dius.pact.provider.ProviderInfo;
import au.com.dius.pact.provider.ProviderResponse;
import au.com.dius.pact.provider.junit5.TestTarget;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.ism.function.lambda.HttpApiHandler;
import dev.ism.function.support.LambdaEvents;
import dev.ism.function.support.TestLambdaContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import kotlin.Pair;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A Pact JVM test target that verifies through the function's AWS Lambda handler, with no socket:
 * each interaction's request becomes an API Gateway proxy event (HTTP API payload 2.0 or REST API
 * payload 1.0, as API Gateway writes it: {@link LambdaEvents}), read by the Lambda Java runtime's own
 * event deserializer, handled by the deployed {@link HttpApiHandler} (Micronaut's {@link APIGatewayV2HTTPEventFunction}) or
 * {@link ApiGatewayProxyRequestEventFunction} on the function's application context, and the handler's
 * response event (status, single and multi-value headers, body, base64 or not) goes back to the
 * verifier as a {@link ProviderResponse}.
 */
public final class LambdaTestTarget implements TestTarget {

    /** The API Gateway payload format. */
    public enum Payload { V2, V1 }

    private final Payload payload;
    private final APIGatewayV2HTTPEventFunction v2;
    private final ApiGatewayProxyRequestEventFunction v1;
    private final PojoSerializer<APIGatewayV2HTTPEvent> v2Events =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LambdaTestTarget.class.getClassLoader());
    private final PojoSerializer<APIGatewayProxyRequestEvent> v1Events =
            LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, LambdaTestTarget.class.getClassLoader());

    /** The handler of {@code payload} on the function's running application context. */
    public LambdaTestTarget(ApplicationContext context, Payload payload) {
        this.payload = payload;
        this.v2 = payload == Payload.V2 ? new HttpApiHandler(context) : null;
        this.v1 = payload == Payload.V1 ? new ApiGatewayProxyRequestEventFunction(context) : null;
    }

    @Override
    public Map<String, Object> getUserConfig() {
        return Map.of();
    }

    @Override
    public IProviderInfo getProviderInfo(String serviceName, PactSource pactSource) {
        ProviderInfo info = new ProviderInfo(serviceName);
        info.setProtocol("lambda-" + payload.name().toLowerCase());
        return info;
    }

    @Override
    public boolean isHttpTarget() {
        return false;
    }

    @Override
    public boolean supportsInteraction(Interaction interaction) {
        return interaction instanceof SynchronousRequestResponse;
    }

    /** The request is the event's JSON text, the client this target. */
    @Override
    public Pair<Object, Object> prepareRequest(Pact pact, Interaction interaction, Map<String, Object> context) {
        if (!(interaction instanceof SynchronousRequestResponse rr)) {
            throw new UnsupportedOperationException("only HTTP request/response interactions go through the Lambda handler");
        }
        IRequest request = rr.getRequest().generatedRequest(context, GeneratorTestMode.Provider);
        return new Pair<>(event(request), this);
    }

    @Override
    public ProviderResponse executeInteraction(Object client, Object request) {
        String event = (String) request;
        return switch (payload) {
            case V2 -> {
                APIGatewayV2HTTPResponse r = v2.handleRequest(v2Events.fromJson(event), new TestLambdaContext());
                yield response(r.getStatusCode(), r.getHeaders(), r.getMultiValueHeaders(), r.getBody(), r.getIsBase64Encoded());
            }
            case V1 -> {
                APIGatewayProxyResponseEvent r = v1.handleRequest(v1Events.fromJson(event), new TestLambdaContext());
                yield response(r.getStatusCode(), r.getHeaders(), r.getMultiValueHeaders(), r.getBody(),
                        Boolean.TRUE.equals(r.getIsBase64Encoded()));
            }
        };
    }

    @Override
    public void prepareVerifier(IProviderVerifier verifier, Object testInstance, Pact pact) {
        // nothing: plain request/response verification
    }

    // ---------------------------------------------------------------------------------------------

    private String event(IRequest request) {
        String pathAndQuery = request.getPath() + query(request.getQuery());
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        OptionalBody body = request.getBody();
        byte[] bytes = body.isPresent() ? body.getValue() : null;
        // Text bodies as API Gateway passes them without binary media types configured: not base64.
        return payload == Payload.V2
                ? LambdaEvents.v2(request.getMethod(), pathAndQuery, headers, bytes, false)
                : LambdaEvents.v1(request.getMethod(), pathAndQuery, headers, bytes, false);
    }

    private static String query(Map<String, List<String>> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner q = new StringJoiner("&", "?", "");
        query.forEach((name, values) -> {
            List<String> vs = values == null || values.isEmpty() ? java.util.Collections.singletonList("") : values;
            for (String v : vs) {
                q.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    private static ProviderResponse response(int status, Map<String, String> single, Map<String, List<String>> multi,
                                             String body, boolean base64) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (multi != null) {
            multi.forEach((k, v) -> headers.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        if (single != null) {
            single.forEach((k, v) -> {
                List<String> values = headers.computeIfAbsent(k, x -> new ArrayList<>());
                if (!values.contains(v)) {
                    values.add(v);
                }
            });
        }
        List<String> type = headers.get("Content-Type");
        ContentType contentType = type == null || type.isEmpty() ? ContentType.getTEXT_PLAIN()
                : ContentType.fromString(type.get(0));
        OptionalBody responseBody = body == null ? OptionalBody.missing()
                : OptionalBody.body(base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8), contentType);
        return new ProviderResponse(status, new LinkedHashMap<>(headers), contentType, responseBody);
    }
}
