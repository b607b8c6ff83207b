package dev.ism.function.registry.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.model.NewImage;

import java.util.Optional;
import java.util.function.Supplier;

/** The Images: cluster-scoped and immutable (created with a mapping, see {@link ImageStreams#updateTags}). */
public interface Images {

    Optional<ObjectNode> get(String name);

    /**
     * Whether an image named {@code name} exists, as a dry run of creating it decides: true when one exists (its
     * content is not compared), false when none does and the image can be stored. {@code jsonBytes} is at least the
     * UTF-8 length of the image's JSON: where that shows the image fits, the image is never made; else {@code image}
     * makes it, to be measured.
     *
     * @throws ItemTooLargeException none exists and the image is too large to store
     */
    boolean exists(String name, long jsonBytes, Supplier<NewImage> image);
}
