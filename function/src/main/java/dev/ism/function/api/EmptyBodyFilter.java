package dev.ism.function.api;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ParsedBodyHolder;

/**
 * An API Gateway event without a body (null or "") has an empty body. Without this, the Lambda request of
 * micronaut-function-aws-api-proxy 4.11.0 fails to bind an empty {@code @Body} when the event has no
 * {@code Content-Length} (its {@code EmptyBodyException} became a 500), where over HTTP the same request
 * reaches the controller with no body and is answered like any other (a 400 for a create). Whether the
 * event had a body is one of the request's {@link IncomingRequest} facts.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class EmptyBodyFilter implements Ordered {

    @RequestFilter
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void emptyBody(HttpRequest<?> request) {
        if (request instanceof ParsedBodyHolder holder && IncomingRequest.of(request).bodyAbsent()) {
            holder.setParsedBody(new byte[0]);
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 50;
    }
}
