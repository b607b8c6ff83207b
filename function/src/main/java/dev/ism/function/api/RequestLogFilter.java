package dev.ism.function.api;

import dev.ism.schema.ImageApi;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: request id, the Lambda invocation's request id (under Lambda), method,
 * path, namespace, stream, tag, status, duration. Never a body, a header value or a credential.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestLogFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger("dev.ism.function.requests");

    @RequestFilter
    public void start(HttpRequest<?> request) {
        // The first filter: the request's facts are read here, on the thread the Lambda runtime called the handler on.
        IncomingRequest incoming = IncomingRequest.of(request);
        // What the path says, known even when the request is refused before a controller runs (401, 403, 404, 405).
        incoming.attributes().ifPresent(a -> RequestContext.describe(request,
                a.namespace().isEmpty() ? null : a.namespace(),
                a.resource().equals(ImageApi.STREAMS) && !a.name().isEmpty() ? a.name() : null, null));
    }

    @ResponseFilter
    public void log(HttpRequest<?> request, MutableHttpResponse<?> response) {
        IncomingRequest incoming = IncomingRequest.of(request);
        long micros = (System.nanoTime() - incoming.started()) / 1000;
        String lambdaRequestId = incoming.lambdaRequestId();
        LOG.info("request_id={} lambda_request_id={} method={} path={} namespace={} stream={} tag={} status={} duration_ms={}",
                RequestContext.requestId(request), lambdaRequestId == null ? "-" : RequestContext.printable(lambdaRequestId),
                request.getMethodName(), RequestContext.printable(request.getPath()),
                RequestContext.attribute(request, RequestContext.NAMESPACE), RequestContext.attribute(request, RequestContext.STREAM),
                RequestContext.attribute(request, RequestContext.TAG), response.code(), millis(micros));
    }

    /** {@code micros} as milliseconds with one decimal, rounded half up ({@code %.1f} without a Formatter per request). */
    static String millis(long micros) {
        long tenths = (micros + 50) / 100;
        return tenths / 10 + "." + tenths % 10;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
