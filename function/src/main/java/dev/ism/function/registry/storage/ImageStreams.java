package dev.ism.function.registry.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.model.NewImage;
import dev.ism.function.model.StoredStream;
import dev.ism.function.model.TagChange;
import dev.ism.function.model.TagEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ImageStreams and their tag histories, as the registry needs them (openshift-apiserver's
 * {@code imagestream.Registry}). Reads are strongly consistent. Every method may throw
 * {@link StoreUnavailableException} (nothing written) and, for writes, {@link StoreOutcomeUnknownException}.
 * A {@link StoredStream} returned may be shared (an implementation may hand out the same copy to every reader
 * while the stream is unchanged): callers never modify its object.
 */
public interface ImageStreams {

    /** At most this many tag changes in one {@link #updateTags} (one storage transaction). */
    int MAX_TAG_CHANGES = 98;

    /** What {@link #updateTags} did. */
    enum TagWrite {
        /** The tag changes (and the new image, if any) are written. */
        WRITTEN,
        /** An image of that name exists: nothing written. Decide again knowing it exists, without the image. */
        IMAGE_EXISTS
    }

    /**
     * Creates the stream with resourceVersion 1 and no tag history; {@code status} is not stored.
     *
     * @throws AlreadyExistsException a stream with that namespace and name exists
     * @throws ItemTooLargeException  the stream does not fit in one item: nothing written
     */
    void create(String namespace, String name, ObjectNode object);

    Optional<StoredStream> get(String namespace, String name);

    /**
     * The copy of the stream this process last read or wrote, if it has one, to decide a write from without a
     * read. It may be stale (another process wrote since): a write decided from it fails with a
     * {@link ConflictException}, and a decision not to write must be checked against {@link #get}.
     */
    Optional<StoredStream> lastCopy(String namespace, String name);

    /** Every stream of the namespace, ordered by name. */
    List<StoredStream> list(String namespace);

    /** Every tag's history, tags in name order, each newest first. Tags without events are absent. */
    Map<String, List<TagEvent>> history(String namespace, String name);

    /**
     * In one transaction: {@code image} created (when given), each change's event put at its seq and made its
     * tag's head, and the stream's resourceVersion advanced, on condition that the stream (its uid), its generation and
     * the changed tags' heads are still those of {@code read}. Changes to other tags in between do not conflict: a
     * mapping's decision reads only its tags' heads and the stream's spec (which changes with its generation).
     *
     * @return {@link TagWrite#IMAGE_EXISTS} when {@code image} is given and one of its name exists (whatever its
     *         content): nothing written
     * @throws ConflictException         a head or the generation changed since {@code read}, or another write was in
     *                                   flight on the same items: nothing written; re-read and decide
     * @throws ItemTooLargeException     {@code image} is too large to store and none of its name exists
     * @throws IllegalArgumentException  a tag twice, a seq below the tag's head, over {@value #MAX_TAG_CHANGES}
     */
    TagWrite updateTags(StoredStream read, List<TagChange> changes, Optional<NewImage> image);
}
