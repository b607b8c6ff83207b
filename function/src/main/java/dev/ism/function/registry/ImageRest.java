package dev.ism.function.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.registry.storage.Images;
import dev.ism.function.registry.storage.KeyLimits;
import dev.ism.function.registry.storage.RequestTimeout;
import dev.ism.schema.ImageApi;
import dev.ism.schema.Status;
import jakarta.inject.Singleton;

/** Images, read-only: cluster-scoped and immutable. */
@Singleton
public class ImageRest {

    private final Images images;
    private final RequestTimeout timeout;

    public ImageRest(Images images, RequestTimeout timeout) {
        this.images = images;
        this.timeout = timeout;
    }

    public ObjectNode get(String name) {
        if (!KeyLimits.holds(name, KeyLimits.IMAGE_NAME_BYTES)) {
            throw notFound(name); // no such image can exist
        }
        return timeout.within(() -> images.get(name)).orElseThrow(() -> notFound(name));
    }

    private static ApiException notFound(String name) {
        return new ApiException(Status.notFound(ImageApi.GROUP, ImageApi.IMAGES, name));
    }
}
