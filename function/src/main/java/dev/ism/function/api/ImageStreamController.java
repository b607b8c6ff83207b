package dev.ism.function.api;

import dev.ism.function.registry.CreateOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.registry.ImageStreamRest;
import dev.ism.function.registry.ImageStreamTable;
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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** ImageStreams: create, get, list in a namespace. */
@Controller(Paths.GROUP_VERSION)
@ExecuteOn(TaskExecutors.BLOCKING)
// produces = ALL on reads: NegotiationFilter negotiates the Accept header as kube-apiserver does; Micronaut
// 4.10.20's own matching of Accept against produces refuses media ranges such as application/* with a 406.
public class ImageStreamController {

    private final ImageStreamRest streams;
    private final Clock clock;

    public ImageStreamController(ImageStreamRest streams, Clock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    @Post(uri = Paths.STREAMS, processes = MediaType.ALL)
    @Consumes(MediaType.ALL)
    public HttpResponse<byte[]> create(HttpRequest<?> request, String namespace, @Nullable @Body byte[] body) {
        CreateOptions options = RequestChecks.beforeDecode(request, namespace, body);
        return Responses.json(request, 201, streams.create(namespace, body == null ? new byte[0] : body, options));
    }

    /** The list, or (negotiated) a Table of its items. */
    @Get(uri = Paths.STREAMS, produces = MediaType.ALL)
    public HttpResponse<byte[]> list(HttpRequest<?> request, String namespace) {
        RequestContext.describe(request, namespace, null, null);
        ObjectNode list = streams.list(namespace);
        if (NegotiationFilter.wantsTable(request)) {
            List<JsonNode> items = new ArrayList<>();
            list.path("items").forEach(items::add);
            return Responses.json(request, 200, ImageStreamTable.of(items, null, clock.instant()));
        }
        return Responses.json(request, 200, list);
    }

    /** The stream, or (negotiated) a Table of one row. */
    @Get(uri = Paths.STREAM, produces = MediaType.ALL)
    public HttpResponse<byte[]> get(HttpRequest<?> request, String namespace, String name) {
        RequestContext.describe(request, namespace, name, null);
        ObjectNode stream = streams.get(namespace, name);
        if (NegotiationFilter.wantsTable(request)) {
            return Responses.json(request, 200, ImageStreamTable.of(List.of(stream),
                    stream.path("metadata").path("resourceVersion").asText(null), clock.instant()));
        }
        return Responses.json(request, 200, stream);
    }
}
