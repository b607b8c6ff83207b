package dev.ism.function.api;

import dev.ism.function.registry.ImageRest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /apis/image.openshift.io/v1/images/{name}}: the stored Image. */
@Controller(Paths.GROUP_VERSION)
@ExecuteOn(TaskExecutors.BLOCKING)
// produces = ALL on reads: NegotiationFilter negotiates the Accept header as kube-apiserver does; Micronaut
// 4.10.20's own matching of Accept against produces refuses media ranges such as application/* with a 406.
public class ImageController {

    private final ImageRest images;

    public ImageController(ImageRest images) {
        this.images = images;
    }

    @Get(uri = Paths.IMAGE, produces = MediaType.ALL)
    public HttpResponse<byte[]> get(HttpRequest<?> request, String name) {
        return Responses.json(request, 200, images.get(name));
    }
}
