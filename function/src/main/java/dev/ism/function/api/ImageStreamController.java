package dev.ism.function.api;

import dev.ism.function.registry.CreateOptions;
import dev.ism.function.registry.ImageStreamRest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** ImageStreams: create, get, list in a namespace. */
@Controller(Paths.GROUP_VERSION)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ImageStreamController {

    private final ImageStreamRest streams;

    public ImageStreamController(ImageStreamRest streams) {
        this.streams = streams;
    }

    @Post(uri = Paths.STREAMS, processes = MediaType.ALL)
    @Consumes(MediaType.ALL)
    public HttpResponse<byte[]> create(HttpRequest<?> request, String namespace, @Nullable @Body byte[] body) {
        RequestContext.describe(request, namespace, null, null);
        CreateOptions options = RequestChecks.beforeDecode(request, body);
        return Responses.json(request, 201, streams.create(namespace, body == null ? new byte[0] : body, options));
    }

    @Get(uri = Paths.STREAMS, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> list(HttpRequest<?> request, String namespace) {
        RequestContext.describe(request, namespace, null, null);
        return Responses.json(request, 200, streams.list(namespace));
    }

    @Get(uri = Paths.STREAM, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> get(HttpRequest<?> request, String namespace, String name) {
        RequestContext.describe(request, namespace, name, null);
        return Responses.json(request, 200, streams.get(namespace, name));
    }
}
