package dev.ism.function.server;

import dev.ism.function.api.ApiHandler;
import dev.ism.function.api.EdgeStatus;
import dev.ism.function.api.RequestChecks;
import dev.ism.schema.Status;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
 * What the local server refuses before {@link ServerRoutes} gets the request (a body past its read limit, a
 * request it cannot read, a client gone), and any fault there: a Kubernetes Status, through {@link ApiHandler} so
 * that these requests are logged as the others are.
 */
@Controller
public class ServerErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ServerErrors.class);

    private final ApiHandler api;

    public ServerErrors(ApiHandler api) {
        this.api = api;
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
                : code == 405 ? Status.methodNotAllowed(request.getMethodName())
                : code == 406 ? Status.notAcceptable(RequestChecks.ACCEPTED)
                : code == 415 ? Status.unsupportedMediaType(RequestChecks.ACCEPTED)
                : EdgeStatus.unreadable("the request could not be read");
        return refused(request, status);
    }

    /** A body past the server's own read limit ({@code micronaut.server.max-request-size}): it is over ours too. */
    @Error(global = true)
    public HttpResponse<byte[]> contentLengthExceeded(HttpRequest<?> request, ContentLengthExceededException e) {
        return refused(request, Status.tooLarge(RequestChecks.MAX_BODY_BYTES));
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
        LOG.info("client went away: ({}: {})", e.getClass().getSimpleName(), e.getMessage());
        return refused(request, Status.badRequest("the request was not received whole"));
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
        return ServerRoutes.response(api.fault(ServerRoutes.read(request, null), e));
    }

    private HttpResponse<byte[]> refused(HttpRequest<?> request, Status status) {
        return ServerRoutes.response(api.refused(ServerRoutes.read(request, null), status));
    }
}
