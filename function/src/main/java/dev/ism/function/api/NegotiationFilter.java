package dev.ism.function.api;

import dev.ism.schema.ImageApi;
import dev.ism.function.auth.Attributes;
import dev.ism.schema.Status;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Optional;

/**
 * Output negotiation after authorization and before any body is read, as kube-apiserver's handlers
 * do it first: an {@code Accept} that allows nothing we produce is a 406. The outcome is kept on the
 * request ({@link #OUTPUT}) for the controllers that can answer a {@code Table}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class NegotiationFilter implements Ordered {

    static final String OUTPUT = "ism.output";

    @RequestFilter
    @Nullable
    public HttpResponse<?> negotiate(HttpRequest<?> request) {
        Optional<Attributes> attributes = IncomingRequest.of(request).attributes();
        Negotiation.Endpoint endpoint = Negotiation.Endpoint.JSON_ONLY;
        if (attributes.isPresent() && attributes.get().resource().equals(ImageApi.STREAMS) && attributes.get().isReadOnly()) {
            endpoint = Negotiation.Endpoint.TABLE_READS;
        } else if (attributes.isEmpty() && request.getPath().equals(DiscoveryController.OPENAPI_V2)) {
            endpoint = Negotiation.Endpoint.OPENAPI_V2;
        }
        Negotiation.Output output = Negotiation.negotiate(request.getHeaders().get(HttpHeaders.ACCEPT), endpoint);
        if (output == null) {
            return Responses.status(request, Status.notAcceptable(Negotiation.PRODUCED));
        }
        request.setAttribute(OUTPUT, output);
        return null;
    }

    static Negotiation.Output output(HttpRequest<?> request) {
        return request.getAttribute(OUTPUT, Negotiation.Output.class).orElse(Negotiation.Output.JSON);
    }

    static boolean wantsTable(HttpRequest<?> request) {
        return output(request) == Negotiation.Output.TABLE;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 200;
    }
}
