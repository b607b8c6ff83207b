package dev.ism.function.api;

import dev.ism.function.registry.ApiException;
import dev.ism.function.registry.storage.StoreOutcomeUnknownException;
import dev.ism.function.registry.storage.StoreUnavailableException;
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

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * Every failure becomes a Kubernetes Status. A fault of ours is a 500 {@code InternalError} whose
 * message says nothing of the cause (logged here instead); an unavailable or throttling DynamoDB
 * is a 503 with {@code Retry-After} (nothing written), a write DynamoDB did not answer a 504 {@code Timeout}
 * with {@code Retry-After} (it may have happened).
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
        LOG.warn("storage unavailable: request_id={} {}", RequestContext.requestId(request), e.toString());
        return Responses.status(request, Status.serviceUnavailable(RETRY_AFTER_SECONDS))
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    /** A write was sent and DynamoDB did not answer: it may have happened, so not a 503 but kube's 504 Timeout. */
    @Error(global = true)
    public HttpResponse<byte[]> outcomeUnknown(HttpRequest<?> request, StoreOutcomeUnknownException e) {
        LOG.warn("storage write outcome unknown: request_id={} {}", RequestContext.requestId(request), e.toString());
        return Responses.status(request, EdgeStatus.timeout(RETRY_AFTER_SECONDS))
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

    /**
     * The client closed the connection before its request was read whole (Micronaut 4.10's Netty server
     * fails the body with {@code EOFException: Connection closed before full body was received}): not a
     * fault of ours, so one INFO line without a stack trace. Nobody reads the answer.
     */
    @Error(global = true)
    public HttpResponse<byte[]> io(HttpRequest<?> request, IOException e) {
        if (!clientGone(e)) {
            return unexpected(request, e);
        }
        LOG.info("client went away: request_id={} ({}: {})", RequestContext.requestId(request),
                e.getClass().getSimpleName(), e.getMessage());
        return Responses.status(request, Status.badRequest("the request was not received whole"));
    }

    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof ClosedChannelException) {
                return true;
            }
            String m = t.getMessage();
            if (t instanceof IOException && m != null
                    && (m.contains("Connection reset") || m.contains("Broken pipe") || m.contains("closed"))) {
                return true;
            }
        }
        return false;
    }

    @Error(global = true)
    public HttpResponse<byte[]> unexpected(HttpRequest<?> request, Throwable e) {
        LOG.error("internal error: request_id={}", RequestContext.requestId(request), e);
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
