package dev.ism.function.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.util.List;
import java.util.UUID;

/** What the request log says of a request, kept as request attributes by filters and controllers. */
final class RequestContext {

    static final String NAMESPACE = "ism.namespace";
    static final String STREAM = "ism.stream";
    static final String TAG = "ism.tag";
    static final String REQUEST_ID = "ism.requestId";
    static final String LAMBDA_REQUEST_ID = "ism.lambdaRequestId";
    static final String STARTED = "ism.started";
    static final String WARNINGS = "ism.warnings";

    private RequestContext() {
    }

    static void describe(HttpRequest<?> request, String namespace, String stream, String tag) {
        if (namespace != null) {
            request.setAttribute(NAMESPACE, namespace);
        }
        if (stream != null) {
            request.setAttribute(STREAM, stream);
        }
        if (tag != null) {
            request.setAttribute(TAG, tag);
        }
    }

    /** Warnings for the client: every response to the request carries them as {@code Warning} headers. */
    static void warn(HttpRequest<?> request, List<String> warnings) {
        if (!warnings.isEmpty()) {
            request.setAttribute(WARNINGS, List.copyOf(warnings));
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> warnings(HttpRequest<?> request) {
        return request.getAttribute(WARNINGS, List.class).orElse(List.of());
    }

    /** Whether the request came as an API Gateway HTTP API event (payload 2.0). */
    static boolean isPayload2(HttpRequest<?> request) {
        return request instanceof ServletHttpRequest<?, ?> servlet && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent;
    }

    /** API Gateway's request id under Lambda, else the caller's {@code X-Request-Id}, else a new one. */
    static String requestId(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet) {
            Object nativeRequest = servlet.getNativeRequest();
            if (nativeRequest instanceof APIGatewayV2HTTPEvent v2 && v2.getRequestContext() != null
                    && v2.getRequestContext().getRequestId() != null) {
                return v2.getRequestContext().getRequestId();
            }
            if (nativeRequest instanceof APIGatewayProxyRequestEvent v1 && v1.getRequestContext() != null
                    && v1.getRequestContext().getRequestId() != null) {
                return v1.getRequestContext().getRequestId();
            }
        }
        String header = request.getHeaders().get("X-Request-Id");
        return header != null && header.matches("[A-Za-z0-9._:-]{1,128}") ? header : UUID.randomUUID().toString();
    }

    static String attribute(HttpRequest<?> request, String name) {
        return request.getAttribute(name, String.class).map(RequestContext::printable).orElse("-");
    }

    /** A value as it may enter a log line: no control characters, no spaces, at most 256 characters. */
    static String printable(String value) {
        String s = value.length() > 256 ? value.substring(0, 256) + "..." : value;
        return s.replaceAll("[\\p{Cntrl}\\s]", "_");
    }
}
