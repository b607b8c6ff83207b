package dev.ism.function.api;

import dev.ism.function.registry.ApiException;
import dev.ism.function.store.StoreUnavailableException;
import dev.ism.schema.Status;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.exceptions.HttpStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes a Kubernetes Status. A fault of ours is a 500 {@code InternalError} whose
 * message says nothing of the cause (logged here instead); an unavailable or throttling DynamoDB
 * is a 503 with {@code Retry-After}.
 */
@Controller
public class ErrorController {

    static final int RETRY_AFTER_SECONDS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(ErrorController.class);

    @Error(global = true)
    public HttpResponse<byte[]> api(HttpRequest<?> request, ApiException e) {
        return Responses.status(request, e.status());
    }

    @Error(global = true)
    public HttpResponse<byte[]> unavailable(HttpRequest<?> request, StoreUnavailableException e) {
        LOG.warn("storage unavailable: request_id={} {}", RequestContext.attribute(request, RequestContext.REQUEST_ID), e.toString());
        return Responses.status(request, Status.serviceUnavailable(RETRY_AFTER_SECONDS))
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    /** Micronaut's own refusals (body too large for the server, unreadable request): their code, our Status. */
    @Error(global = true)
    public HttpResponse<byte[]> framework(HttpRequest<?> request, HttpStatusException e) {
        int code = e.getStatus().getCode();
        if (code >= 500) {
            return unexpected(request, e);
        }
        Status status = code == 413 ? Status.tooLarge(RequestChecks.MAX_BODY_BYTES)
                : code == 404 ? Status.pathNotFound()
                : code == 406 ? Status.notAcceptable(Negotiation.PRODUCED) : Status.badRequest("the request could not be read");
        return Responses.status(request, status);
    }

    /** A body past the server's own read limit ({@code micronaut.server.max-request-size}): it is over ours too. */
    @Error(global = true)
    public HttpResponse<byte[]> contentLengthExceeded(HttpRequest<?> request, ContentLengthExceededException e) {
        return Responses.status(request, Status.tooLarge(RequestChecks.MAX_BODY_BYTES));
    }

    @Error(global = true)
    public HttpResponse<byte[]> unexpected(HttpRequest<?> request, Throwable e) {
        LOG.error("internal error: request_id={}", RequestContext.attribute(request, RequestContext.REQUEST_ID), e);
        return Responses.status(request, Status.internalError());
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    public HttpResponse<byte[]> notFound(HttpRequest<?> request) {
        return Responses.status(request, Status.pathNotFound());
    }

    @Error(status = HttpStatus.METHOD_NOT_ALLOWED, global = true)
    public HttpResponse<byte[]> methodNotAllowed(HttpRequest<?> request) {
        return Responses.status(request, Status.methodNotAllowed(request.getMethodName()));
    }

    @Error(status = HttpStatus.UNSUPPORTED_MEDIA_TYPE, global = true)
    public HttpResponse<byte[]> unsupportedMediaType(HttpRequest<?> request) {
        return Responses.status(request, Status.unsupportedMediaType(RequestChecks.ACCEPTED));
    }

    @Error(status = HttpStatus.REQUEST_ENTITY_TOO_LARGE, global = true)
    public HttpResponse<byte[]> tooLarge(HttpRequest<?> request) {
        return Responses.status(request, Status.tooLarge(RequestChecks.MAX_BODY_BYTES));
    }
}
