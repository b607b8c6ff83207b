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
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ism.function.lambda.HttpApiHandler;
import dev.ism.function.lambda.RestApiHandler;
import dev.ism.function.support.LambdaEvents;
import dev.ism.function.support.LambdaInvoke;
import dev.ism.function.support.TestLambdaContext;
import io.micronaut.context.ApplicationContext;
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
 * payload 1.0, as API Gateway writes it: {@link LambdaEvents}), passed as bytes, as the Lambda Java runtime
 * passes them, to the function's stream handler ({@link HttpApiHandler} or {@link RestApiHandler}) on the
 * function's application context, and the handler's
 * response event (status, single and multi-value headers, body, base64 or not) goes back to the
 * verifier as a {@link ProviderResponse}.
 */
public final class LambdaTestTarget implements TestTarget {

    /** The API Gateway payload format. */
    public enum Payload { V2, V1 }

    private final Payload payload;
    private final RequestStreamHandler handler;
    private final boolean break422;

    /** The handler of {@code payload} on the function's running application context. */
    public LambdaTestTarget(ApplicationContext context, Payload payload) {
        this.payload = payload;
        this.handler = payload == Payload.V2 ? new HttpApiHandler(context) : new RestApiHandler(context);
        // The broken function of BrokenResponseIT, as its Lambda handlers answer (BrokenResponseFilter is the local server's).
        this.break422 = context.getProperty(ProviderStateSettings.BREAK_422, Boolean.class).orElse(false);
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
        LambdaInvoke.Response r = LambdaInvoke.invoke(handler, (String) request, new TestLambdaContext());
        int status = break422 && r.statusCode() == 422 ? 400 : r.statusCode();
        return response(status, r.headers(), r.multiValueHeaders(), r.body(), r.base64());
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
