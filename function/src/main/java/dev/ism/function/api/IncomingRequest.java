package dev.ism.function.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ism.function.auth.Attributes;
import dev.ism.function.lambda.LambdaInvocation;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the function knows of a request before any route runs, the same whichever way it came in (the
 * local Netty server, an API Gateway HTTP API event, a REST API event): read once, on first use (the
 * request log filter, which runs first), and kept on the request for every later filter and controller.
 * This is the only class of the API that knows the Lambda event types, so that no filter or controller
 * switches on them, and the path is parsed into authorization terms once, not once per filter.
 *
 * <p>Cheap on purpose, as every Lambda invocation builds one: a few field reads of the event, one path
 * parse; query parameters are parsed only when asked for.
 *
 * @param transport       how the request came in
 * @param started         {@link System#nanoTime()} when the facts were read: the request's start, for the log
 * @param requestId       API Gateway's request id under Lambda, else the caller's {@code X-Request-Id} when it
 *                        is safe to log, else a new one
 * @param lambdaRequestId the Lambda invocation's request id, or null outside Lambda
 * @param query           the query parameters as the client sent them
 * @param bodyAbsent      whether an API Gateway event came without a body (null or empty); always false over
 *                        the local server, which reads the body itself
 * @param attributes      what a resource request asks to do, in authorization terms; empty for a
 *                        non-resource request
 */
record IncomingRequest(Transport transport, long started, String requestId, String lambdaRequestId,
                       QueryParameters query, boolean bodyAbsent, Optional<Attributes> attributes) {

    /** How the request reached the function. */
    enum Transport {
        /** The local HTTP server ({@code mvn mn:run}, tests). */
        NETTY,
        /** An API Gateway HTTP API event, payload format 2.0. */
        HTTP_API,
        /** An API Gateway REST API event, payload format 1.0. */
        REST_API
    }

    private static final String ATTRIBUTE = "ism.incoming";
    /** A caller's request id that may enter the log as it is. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The facts of this request: read on the first call, the same object afterwards. */
    static IncomingRequest of(HttpRequest<?> request) {
        Optional<IncomingRequest> known = request.getAttribute(ATTRIBUTE, IncomingRequest.class);
        if (known.isPresent()) {
            return known.get();
        }
        IncomingRequest read = read(request);
        request.setAttribute(ATTRIBUTE, read);
        return read;
    }

    /** Reads the facts, without keeping them. */
    static IncomingRequest read(HttpRequest<?> request) {
        Object event = request instanceof ServletHttpRequest<?, ?> servlet ? servlet.getNativeRequest() : null;
        if (event instanceof APIGatewayV2HTTPEvent v2) {
            String raw = v2.getRawQueryString();
            return read(Transport.HTTP_API, request, v2.getRequestContext() == null ? null : v2.getRequestContext().getRequestId(),
                    raw != null ? new QueryParameters.Raw(raw) : new QueryParameters.Decoded(request), isEmpty(v2.getBody()));
        }
        if (event instanceof APIGatewayProxyRequestEvent v1) {
            return read(Transport.REST_API, request, v1.getRequestContext() == null ? null : v1.getRequestContext().getRequestId(),
                    new QueryParameters.Rest(v1.getMultiValueQueryStringParameters(), v1.getQueryStringParameters()),
                    isEmpty(v1.getBody()));
        }
        return read(Transport.NETTY, request, null, new QueryParameters.Decoded(request), false);
    }

    private static IncomingRequest read(Transport transport, HttpRequest<?> request, String gatewayRequestId,
                                        QueryParameters query, boolean bodyAbsent) {
        long started = System.nanoTime();
        String requestId = gatewayRequestId != null ? gatewayRequestId : callerOrNewId(request.getHeaders().get("X-Request-Id"));
        // Read on the thread the Lambda runtime called the handler on: the first filter runs there.
        String lambdaRequestId = transport == Transport.NETTY ? null : LambdaInvocation.awsRequestId();
        return new IncomingRequest(transport, started, requestId, lambdaRequestId, query, bodyAbsent,
                RequestInfo.of(request.getMethodName(), request.getPath()));
    }

    private static boolean isEmpty(String body) {
        return body == null || body.isEmpty();
    }

    /** The caller's id if it is 1 to 128 of {@code A-Z a-z 0-9 . _ : -}, else a new UUID. */
    static String callerOrNewId(String header) {
        return header != null && SAFE_ID.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }
}
