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
public class ImageController {

    private final ImageRest images;

    public ImageController(ImageRest images) {
        this.images = images;
    }

    @Get(uri = Paths.IMAGE)
    public HttpResponse<byte[]> get(HttpRequest<?> request, String name) {
        return Responses.json(request, 200, images.get(name));
    }
}
