package dev.ism.function.api;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request as the API sees it, whichever way it came in (the local server, an API Gateway HTTP API event, a
 * REST API event): what the adapters of {@code server/} and {@code lambda/} read from their transport, once, and
 * all that {@link ApiHandler} needs. No Micronaut HTTP or Lambda type is part of it, so one handler serves every
 * way in, and the tests.
 *
 * @param transport       how the request came in
 * @param method          the HTTP method, as sent
 * @param path            the path as sent (percent-encoded, no query)
 * @param headers         the request's headers
 * @param query           the query parameters as the client sent them
 * @param body            the body; empty when there is none, never null
 * @param requestId       API Gateway's request id under Lambda, else the caller's {@code X-Request-Id} when it is safe
 *                        to log, else a new one
 * @param lambdaRequestId the Lambda invocation's request id, or null outside Lambda
 * @param started         {@link System#nanoTime()} when the request was read: its start, for the log
 */
public record ApiRequest(Transport transport, String method, String path, Headers headers, QueryParameters query,
                         byte[] body, String requestId, String lambdaRequestId, long started) {

    /** How the request reached the function. */
    public enum Transport {
        /** The local HTTP server ({@code mvn mn:run}, tests). */
        NETTY,
        /** An API Gateway HTTP API event, payload format 2.0. */
        HTTP_API,
        /** An API Gateway REST API event, payload format 1.0. */
        REST_API
    }

    /** A request's headers: the first value of a header, its name matched without regard to case, or null. */
    @FunctionalInterface
    public interface Headers {
        String get(String name);
    }

    /** A caller's request id that may enter the log as it is. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public ApiRequest {
        body = body == null ? new byte[0] : body;
    }

    /** A request's id: the transport's own when it has one, else the caller's (see {@link #callerOrNewId}). */
    public static String requestId(String transportId, Headers headers) {
        return transportId != null ? transportId : callerOrNewId(headers.get("X-Request-Id"));
    }

    /** The caller's id if it is 1 to 128 of {@code A-Z a-z 0-9 . _ : -}, else a new UUID. */
    static String callerOrNewId(String header) {
        return header != null && SAFE_ID.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }
}
