package dev.ism.function.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.store.DynamoStore;
import dev.ism.function.store.KeyLimits;
import dev.ism.schema.Status;
import jakarta.inject.Singleton;

/** Images, read-only: cluster-scoped and immutable. */
@Singleton
public class ImageRest {

    public static final String RESOURCE = "images";
    private final DynamoStore store;

    public ImageRest(DynamoStore store) {
        this.store = store;
    }

    public ObjectNode get(String name) {
        if (!ImageStreamRest.isPathSegment(name) || !KeyLimits.fits(name, KeyLimits.IMAGE_NAME_BYTES)) {
            throw new ApiException(Status.notFound(Status.GROUP, RESOURCE, name)); // no such image can exist
        }
        return store.withinRequestTimeout(() -> store.getImage(name))
                .orElseThrow(() -> new ApiException(Status.notFound(Status.GROUP, RESOURCE, name)));
    }
}
