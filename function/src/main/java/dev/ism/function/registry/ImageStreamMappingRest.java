package dev.ism.function.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.image.ImageCompletion;
import dev.ism.function.store.ConflictException;
import dev.ism.function.store.DynamoStore;
import dev.ism.function.store.DynamoStore.StoredStream;
import dev.ism.function.store.DynamoStore.TagChange;
import dev.ism.function.store.KeyLimits;
import dev.ism.function.store.StoreOutcomeUnknownException;
import dev.ism.function.store.StoreUnavailableException;
import dev.ism.schema.FieldErrors;
import dev.ism.schema.ImageStreamMappingValidator;
import dev.ism.schema.Outcome;
import dev.ism.schema.Status;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The create logic of {@code imagestreammappings} (the API server's REST storage): validate, find
 * the stream, create the Image if absent, then record the tag event with an optimistic, bounded
 * retry (BEHAVIOUR.md sections 1 and 3 to 5). Free of HTTP and Lambda types.
 */
@Singleton
public class ImageStreamMappingRest {

    /** Attempts at the stream update, as the real server's {@code retry.RetryOnConflict}. */
    static final int MAX_ATTEMPTS = 10;
    static final String MANAGED = "openshift.io/image.managed";
    static final String KIND = "ImageStreamMapping";
    /** The first pause between attempts; each later one may be longer (jittered, at most attempt + 1 times this). */
    static final long BACKOFF_MILLIS = 5;

    private final ImageStreamMappingValidator validator;
    private final DynamoStore store;
    private final ImageStreamRest streams;
    private final Clock clock;

    public ImageStreamMappingRest(ImageStreamMappingValidator validator, DynamoStore store, ImageStreamRest streams, Clock clock) {
        this.validator = validator;
        this.store = store;
        this.streams = streams;
        this.clock = clock;
    }

    /**
     * What a mapping was about, for the request log, and the decoder's warnings (unknown fields,
     * duplicate keys, in {@code fieldValidation=Warn}); given as soon as the body is decoded.
     */
    public record Target(String stream, String tag, List<String> warnings) {
    }

    public Status create(String namespace, byte[] body, CreateOptions options, java.util.function.Consumer<Target> onDecoded) {
        Outcome outcome = validator.validate(body, namespace, options.fieldValidation());
        if (outcome instanceof Outcome.Rejected rejected) {
            throw new ApiException(rejected.status());
        }
        ObjectNode mapping = ((Outcome.Valid) outcome).mapping();
        String name = mapping.path("metadata").path("name").asText();
        String tag = mapping.path("tag").asText();
        onDecoded.accept(new Target(name, tag, ((Outcome.Valid) outcome).warnings()));
        ObjectNode requestImage = (ObjectNode) mapping.get("image");
        String imageName = requestImage.path("metadata").path("name").asText();
        FieldErrors tooLong = new FieldErrors();
        StorageNames.check(tooLong, "metadata.namespace", namespace, KeyLimits.NAMESPACE_BYTES);
        StorageNames.check(tooLong, "metadata.name", name, KeyLimits.STREAM_NAME_BYTES);
        StorageNames.check(tooLong, "tag", tag, KeyLimits.TAG_BYTES);
        StorageNames.check(tooLong, "image.metadata.name", imageName, KeyLimits.IMAGE_NAME_BYTES);
        StorageNames.refuse(tooLong, KIND, name);
        return store.withinRequestTimeout(() -> record(namespace, name, tag, requestImage, options));
    }

    /** The store part of a create: every DynamoDB call of the request, within its timeout. */
    private Status record(String namespace, String name, String tag, ObjectNode requestImage, CreateOptions options) {
        String imageName = requestImage.path("metadata").path("name").asText();
        StoredStream stream = findStream(namespace, name);
        ObjectNode image = newImage(requestImage);
        int size = store.encodedImageSize(image);
        boolean existed;
        if (size > DynamoStore.MAX_ITEM_BYTES) {
            // Too large to store, which matters only if it must be stored: an existing image's content is ignored.
            existed = store.getImage(imageName).isPresent();
            if (!existed) {
                throw new ApiException(Status.requestEntityTooLarge("Request entity too large: the image \"" + imageName + "\" needs "
                        + size + " bytes of storage after compression, the limit is " + DynamoStore.MAX_ITEM_BYTES));
            }
        } else if (options.dryRun()) {
            existed = store.getImage(imageName).isPresent();
        } else {
            existed = !putImage(name, imageName, image);
            if (!existed) {
                // The Image is written: if the tag event cannot be, the answer must not say "nothing written".
                try {
                    return recordTag(stream, namespace, name, tag, requestImage, imageName, false, options);
                } catch (StoreUnavailableException e) {
                    throw new StoreOutcomeUnknownException("the Image " + imageName + " was created, its tag event not", e);
                }
            }
        }
        return recordTag(stream, namespace, name, tag, requestImage, imageName, existed, options);
    }

    private boolean putImage(String name, String imageName, ObjectNode image) {
        try {
            return store.putImageIfAbsent(imageName, image);
        } catch (ConflictException e) {
            throw new ApiException(Status.conflict(Status.GROUP, Status.MAPPINGS, name));
        }
    }

    /** The tag event, with an optimistic, bounded retry (BEHAVIOUR.md sections 4 and 5). */
    private Status recordTag(StoredStream read, String namespace, String name, String tag, ObjectNode requestImage,
                             String imageName, boolean existed, CreateOptions options) {
        StoredStream stream = read;
        boolean managed = "true".equals(requestImage.path("metadata").path("annotations").path(MANAGED).asText());
        String created = Timestamps.now(clock);
        String reference = requestImage.path("dockerImageReference").asText();

        Optional<TagEvent> seen = head(stream, tag);
        Optional<TagEvent> current = seen;
        for (int attempt = 1; ; attempt++) {
            long generation = stream.object().path("metadata").path("generation").asLong(1);
            TagEvent event = TagHistory.event(created, reference, imageName, generation, existed, managed,
                    streams.dockerImageRepository(stream));
            List<TagChange> changes = changes(stream, namespace, name, tag, current, event);
            if (changes.isEmpty() || options.dryRun()) {
                return Status.success(201);
            }
            try {
                store.applyTagChanges(stream, changes);
                return Status.success(201);
            } catch (ConflictException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new ApiException(Status.conflict(Status.GROUP, Status.MAPPINGS, name));
                }
                backOff(attempt);
                stream = findStream(namespace, name);
                current = head(stream, tag);
                if (changes(stream, namespace, name, tag, current, event).isEmpty()) {
                    // The tag already holds this event: a write of ours whose answer was lost and which the SDK
                    // retried, or the same mapping by another writer. Either way the mapping is in place.
                    return Status.success(201);
                }
                // Another writer moved this very tag: the caller must decide again (the server's 409).
                if (!sameImage(seen, current)) {
                    throw new ApiException(Status.conflict(Status.GROUP, Status.MAPPINGS, name));
                }
            }
        }
    }

    /**
     * A short, jittered pause before the next attempt, as client-go's {@code retry.RetryOnConflict}
     * makes, so that writers racing on one stream spread out instead of colliding again at once.
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(BACKOFF_MILLIS, BACKOFF_MILLIS * (attempt + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Status.internalError());
        }
    }

    /**
     * The event for the tag and for every spec tag that tracks it, as the history table decides.
     * {@code tagHead} is the tag's newest event in {@code stream}, already read.
     */
    private List<TagChange> changes(StoredStream stream, String namespace, String name, String tag,
                                    Optional<TagEvent> tagHead, TagEvent event) {
        List<String> tags = new ArrayList<>();
        tags.add(tag);
        tags.addAll(TagHistory.trackingSpecTags(stream.object(), namespace, name, tag));
        List<TagChange> changes = new ArrayList<>();
        for (String t : tags) {
            Long headSeq = stream.heads().get(t);
            TagHistory.Decision decision = TagHistory.apply(t.equals(tag) ? tagHead : head(stream, t), event);
            if (decision instanceof TagHistory.Decision.ReplaceHead replace) {
                changes.add(new TagChange(t, headSeq, replace.event()));
            } else if (decision instanceof TagHistory.Decision.Prepend prepend) {
                changes.add(new TagChange(t, headSeq == null ? 1 : headSeq + 1, prepend.event()));
            }
        }
        return changes;
    }

    private Optional<TagEvent> head(StoredStream stream, String tag) {
        Long seq = stream.heads().get(tag);
        return seq == null ? Optional.empty() : store.event(stream.namespace(), stream.name(), tag, seq);
    }

    /** The tag's latest event is unchanged, ignoring generation and created. */
    private static boolean sameImage(Optional<TagEvent> a, Optional<TagEvent> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return Objects.equals(a.get().image(), b.get().image())
                && Objects.equals(a.get().dockerImageReference(), b.get().dockerImageReference());
    }

    private StoredStream findStream(String namespace, String name) {
        return store.getStream(namespace, name)
                .orElseThrow(() -> new ApiException(Status.notFound(Status.GROUP, Status.MAPPINGS, name)));
    }

    /** The Image as stored: completed from its manifest and config, with the fields the server sets. */
    private ObjectNode newImage(ObjectNode requestImage) {
        ObjectNode image = ImageCompletion.complete(requestImage);
        ObjectNode meta = image.with("metadata");
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("resourceVersion", "1");
        meta.put("creationTimestamp", Timestamps.now(clock));
        return image;
    }

}
