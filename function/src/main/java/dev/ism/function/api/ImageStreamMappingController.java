package dev.ism.function.api;

import dev.ism.function.registry.CreateOptions;
import dev.ism.function.registry.ImageStreamMappingRest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code POST /apis/image.openshift.io/v1/namespaces/{namespace}/imagestreammappings}. */
@Controller(Paths.GROUP_VERSION)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ImageStreamMappingController {

    private final ImageStreamMappingRest mappings;

    public ImageStreamMappingController(ImageStreamMappingRest mappings) {
        this.mappings = mappings;
    }

    @Post(uri = Paths.MAPPINGS, processes = MediaType.ALL)
    @Consumes(MediaType.ALL)
    public HttpResponse<byte[]> create(HttpRequest<?> request, String namespace, @Nullable @Body byte[] body) {
        CreateOptions options = RequestChecks.beforeDecode(request, namespace, body);
        ImageStreamMappingRest.Mapping mapping = mappings.admit(namespace, body == null ? new byte[0] : body, options);
        RequestContext.describe(request, null, mapping.stream(), mapping.tag());
        RequestContext.warn(request, mapping.warnings());
        return Responses.status(request, mappings.create(mapping, options));
    }
}
