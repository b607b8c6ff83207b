package dev.ism.function.server;

import dev.ism.function.api.ApiHandler;
import dev.ism.function.api.ApiRequest;
import dev.ism.function.api.ApiResponse;
import dev.ism.function.api.QueryParameters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Trace;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The local server's way in: every path and method reaches {@link ApiHandler}, which routes as it does for the
 * Lambda handlers; Micronaut only reads the request (with its limits) and writes the response. On the blocking
 * pool, so that no request blocks a Netty event loop.
 *
 * <p>{@code produces} and {@code consumes} are everything: {@link ApiHandler} negotiates the {@code Accept} header
 * and checks the {@code Content-Type} as kube-apiserver does (Micronaut 4.10.20's own matching of Accept against
 * produces refuses media ranges such as {@code application/*} with a 406).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ServerRoutes {

    private static final String ROOT = "/";
    private static final String ANY = "/{+path}";

    private final ApiHandler api;

    public ServerRoutes(ApiHandler api) {
        this.api = api;
    }

    @Get(uris = {ROOT, ANY}, produces = MediaType.ALL)
    public HttpResponse<byte[]> get(HttpRequest<?> request) {
        return serve(request, null);
    }

    @Head(uris = {ROOT, ANY})
    @Produces(MediaType.ALL)
    public HttpResponse<byte[]> head(HttpRequest<?> request) {
        return serve(request, null);
    }

    @Post(uris = {ROOT, ANY}, processes = MediaType.ALL)
    @Consumes(MediaType.ALL)
    public HttpResponse<byte[]> post(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return serve(request, body);
    }

    @Put(uris = {ROOT, ANY}, processes = MediaType.ALL)
    @Consumes(MediaType.ALL)
    public HttpResponse<byte[]> put(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return serve(request, body);
    }

    @Patch(uris = {ROOT, ANY}, processes = MediaType.ALL)
    @Consumes(MediaType.ALL)
    public HttpResponse<byte[]> patch(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return serve(request, body);
    }

    @Delete(uris = {ROOT, ANY}, processes = MediaType.ALL)
    @Consumes(MediaType.ALL)
    public HttpResponse<byte[]> delete(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return serve(request, body);
    }

    @Options(uris = {ROOT, ANY})
    @Produces(MediaType.ALL)
    public HttpResponse<byte[]> options(HttpRequest<?> request) {
        return serve(request, null);
    }

    @Trace(uris = {ROOT, ANY})
    @Produces(MediaType.ALL)
    public HttpResponse<byte[]> trace(HttpRequest<?> request) {
        return serve(request, null);
    }

    private HttpResponse<byte[]> serve(HttpRequest<?> request, byte[] body) {
        return response(api.serve(read(request, body)));
    }

    /** The request as the API reads it: the path and the query as sent. */
    static ApiRequest read(HttpRequest<?> request, byte[] body) {
        long started = System.nanoTime();
        ApiRequest.Headers headers = request.getHeaders()::get;
        String rawPath = request.getUri().getRawPath();
        return new ApiRequest(ApiRequest.Transport.NETTY, request.getMethodName(), rawPath == null || rawPath.isEmpty() ? "/" : rawPath,
                headers, new QueryParameters.Raw(request.getUri().getRawQuery()), body,
                ApiRequest.requestId(null, headers), null, started);
    }

    static MutableHttpResponse<byte[]> response(ApiResponse r) {
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(r.code()))
                .contentType(r.contentType())
                .body(r.body());
        r.headers().forEach(h -> response.getHeaders().add(h.name(), h.value()));
        return response;
    }
}
