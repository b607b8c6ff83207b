package dev.ism.function.registry.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.model.NewImage;

import java.util.Optional;

/** The Images: cluster-scoped and immutable (created with a mapping, see {@link ImageStreams#updateTags}). */
public interface Images {

    Optional<ObjectNode> get(String name);

    /**
     * Whether an image of {@code image}'s name exists, as a dry run of creating it decides: true when one exists
     * (its content is not compared), false when none does and {@code image} can be stored.
     *
     * @throws ItemTooLargeException none exists and {@code image} is too large to store
     */
    boolean exists(NewImage image);
}
