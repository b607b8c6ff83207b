package dev.ism.function.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.model.NewImage;
import dev.ism.function.model.StoredStream;
import dev.ism.function.model.TagChange;
import dev.ism.function.model.TagEvent;
import dev.ism.function.model.TagHead;
import dev.ism.function.registry.storage.ConflictException;
import dev.ism.function.registry.storage.ImageStreams;
import dev.ism.function.registry.storage.ImageStreams.TagWrite;
import dev.ism.function.registry.storage.Images;
import dev.ism.function.registry.storage.ItemTooLargeException;
import dev.ism.function.registry.storage.RequestTimeout;
import dev.ism.schema.Decoding;
import dev.ism.schema.ImageApi;
import dev.ism.function.image.ImageCompletion;
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
 * The create logic of {@code imagestreammappings} (the API server's REST storage): admit the body
 * ({@link CreatePipeline}), find the stream, then write the Image (if absent) and the tag event together,
 * with an optimistic, bounded retry (BEHAVIOUR.md sections 1 and 3 to 5). Free of HTTP and Lambda types.
 */
@Singleton
public class ImageStreamMappingRest {

    /** Attempts at the stream update, as the real server's {@code retry.RetryOnConflict}. */
    static final int MAX_ATTEMPTS = 10;
    /**
     * Further attempts when a write only met another in flight on the same stream (nothing it read changed):
     * the same decision is tried again, with the same pauses; these do not use up {@link #MAX_ATTEMPTS}.
     */
    static final int MAX_CONTENDED = 50;
    /** The first pause between attempts; each later one may be longer (jittered, at most attempt + 1 times this). */
    static final long BACKOFF_MILLIS = 5;

    private final ImageStreamMappingStrategy strategy;
    private final ImageStreams streams;
    private final Images images;
    private final RequestTimeout timeout;
    private final StreamRepository repository;
    private final Clock clock;

    ImageStreamMappingRest(ImageStreamMappingStrategy strategy, ImageStreams streams, Images images, RequestTimeout timeout,
                           StreamRepository repository, Clock clock) {
        this.strategy = strategy;
        this.streams = streams;
        this.images = images;
        this.timeout = timeout;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * An admitted mapping: what it maps (for the request log too) and the decoder's warnings (unknown fields,
     * duplicate keys, in {@code fieldValidation=Warn}), which every answer to the request carries.
     */
    public record Mapping(String namespace, String stream, String tag, ObjectNode image, List<String> warnings) {
    }

    /** The body decoded, prepared and valid, or an {@link ApiException} with the 400 or 422. */
    public Mapping admit(String namespace, byte[] body, CreateOptions options) {
        Decoding.Decoded decoded = CreatePipeline.admit(strategy, namespace, body, options);
        ObjectNode mapping = decoded.object();
        return new Mapping(namespace, mapping.path("metadata").path("name").asText(), mapping.path("tag").asText(),
                (ObjectNode) mapping.get("image"), decoded.warnings());
    }

    /** Stores an admitted mapping: its Status (201), or an {@link ApiException}; every storage call within the request's time. */
    public Status create(Mapping mapping, CreateOptions options) {
        return timeout.within(() -> record(mapping, options));
    }

    private Status record(Mapping m, CreateOptions options) {
        Basis basis = new Basis(m, options.dryRun());
        String imageName = m.image().path("metadata").path("name").asText(); // as the completion keeps it
        NewImage image = options.dryRun() ? null : newImage(m.image());
        boolean managed = "true".equals(m.image().path("metadata").path("annotations").path(ImageApi.ANNOTATION_MANAGED).asText());
        String created = Timestamps.now(clock);
        String reference = m.image().path("dockerImageReference").asText();
        // A dry run learns whether the image exists by reading, and whether it could be stored from a bound of its
        // JSON, completing it only where the bound does not tell (the completion changes nothing else it answers);
        // a write completes it, and learns whether it exists from its transaction.
        boolean existed = options.dryRun() && tooLarge(() -> images.exists(imageName,
                ImageCompletion.jsonBound(m.image(), SERVER_FIELDS_BYTES), () -> newImage(m.image())));
        int conflicts = 0;
        int contended = 0;
        while (true) {
            TagEvent event = TagHistory.event(created, reference, imageName, basis.stream.generation(), existed, managed,
                    repository.dockerImageRepository(basis.stream));
            List<TagChange> changes = changes(basis.stream, m, event);
            if (options.dryRun()) {
                return Status.success(201);
            }
            if (changes.isEmpty() && !basis.fresh) {
                basis.readAgain(); // nothing to write, decided from a copy: that must hold on the stream as it is
                continue;
            }
            if (changes.isEmpty() && existed) {
                return Status.success(201);
            }
            if (changes.size() > ImageStreams.MAX_TAG_CHANGES) {
                throw tooManyTrackers(m, changes.size() - 1);
            }
            try {
                Optional<NewImage> toCreate = existed ? Optional.empty() : Optional.of(image);
                StoredStream read = basis.stream;
                if (tooLarge(() -> streams.updateTags(read, changes, toCreate)) == TagWrite.WRITTEN) {
                    return Status.success(201);
                }
                existed = true; // decide again: a managed image that exists is tagged with the stream's repository
            } catch (ConflictException e) {
                if (!basis.fresh) {
                    basis.readAgain(); // decided from a stale copy: start again, as from the request's first read
                    continue;
                }
                if (e.contention() ? ++contended == MAX_CONTENDED : ++conflicts == MAX_ATTEMPTS) {
                    throw conflict(m);
                }
                backOff(Math.min(MAX_ATTEMPTS, conflicts + contended));
                basis.readAgain();
                if (changes(basis.stream, m, event).isEmpty()) {
                    // The tag already holds this event: the same mapping by another writer. The mapping is in place.
                    return Status.success(201);
                }
                // Another writer moved this very tag: the caller must decide again (the server's 409).
                if (!sameImage(basis.seen, basis.stream.head(m.tag()))) {
                    throw conflict(m);
                }
            }
        }
    }

    /**
     * The stream a mapping is decided from. A write may start from this process's last copy of it (as kube's
     * GuaranteedUpdate starts from the watch cache's): the write's conditions catch a stale copy. A dry run
     * writes nothing to catch it, so it reads.
     */
    private final class Basis {
        private final Mapping mapping;
        StoredStream stream;
        /** Read for this request, not a copy. */
        boolean fresh;
        /** The tag's newest event when the request first read the stream. */
        TagEvent seen;

        Basis(Mapping mapping, boolean dryRun) {
            this.mapping = mapping;
            Optional<StoredStream> copy = dryRun ? Optional.empty() : streams.lastCopy(mapping.namespace(), mapping.stream());
            this.fresh = copy.isEmpty();
            this.stream = copy.orElseGet(() -> findStream(mapping));
            this.seen = stream.head(mapping.tag());
        }

        /** Reads the stream; the first read for this request (after a copy) is what the tag is compared with. */
        void readAgain() {
            stream = findStream(mapping);
            if (!fresh) {
                seen = stream.head(mapping.tag());
            }
            fresh = true;
        }
    }

    /** A value from the storage, or the 413 when what must be stored is too large for it. */
    private static <T> T tooLarge(java.util.function.Supplier<T> storageCall) {
        try {
            return storageCall.get();
        } catch (ItemTooLargeException e) {
            throw new ApiException(Status.requestEntityTooLarge("Request entity too large: " + e.getMessage()));
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

    /** The event for the tag and for every spec tag that tracks it, as the history table decides. */
    private static List<TagChange> changes(StoredStream stream, Mapping m, TagEvent event) {
        List<String> tags = new ArrayList<>();
        tags.add(m.tag());
        tags.addAll(TagHistory.trackingSpecTags(stream.object(), m.namespace(), m.stream(), m.tag()));
        List<TagChange> changes = new ArrayList<>();
        for (String t : tags) {
            TagHead head = stream.heads().get(t);
            TagHistory.Decision decision = TagHistory.apply(Optional.ofNullable(head).map(TagHead::event), event);
            if (decision instanceof TagHistory.Decision.ReplaceHead replace) {
                changes.add(new TagChange(t, head.seq(), replace.event()));
            } else if (decision instanceof TagHistory.Decision.Prepend prepend) {
                changes.add(new TagChange(t, head == null ? 1 : head.seq() + 1, prepend.event()));
            }
        }
        return changes;
    }

    /** The tag's latest event is unchanged, ignoring generation and created. */
    private static boolean sameImage(TagEvent a, TagEvent b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        return Objects.equals(a.image(), b.image()) && Objects.equals(a.dockerImageReference(), b.dockerImageReference());
    }

    private StoredStream findStream(Mapping m) {
        return streams.get(m.namespace(), m.stream()).orElseThrow(() -> notFound(m));
    }

    private static ApiException notFound(Mapping m) {
        return new ApiException(Status.notFound(ImageApi.GROUP, ImageApi.MAPPINGS, m.stream()));
    }

    /** The tag and the spec tags tracking it are written in one transaction, which holds so many. */
    private static ApiException tooManyTrackers(Mapping m, int trackers) {
        return new ApiException(Status.invalid(ImageApi.GROUP, ImageApi.KIND_IMAGE_STREAM_MAPPING, m.stream(), List.of(
                new Status.Cause("FieldValueTooMany", "Too many: " + trackers + ": must have at most "
                        + (ImageStreams.MAX_TAG_CHANGES - 1) + " spec tags of the stream tracking the tag", "tag"))));
    }

    private static ApiException conflict(Mapping m) {
        return new ApiException(Status.conflict(ImageApi.GROUP, ImageApi.MAPPINGS, m.stream()));
    }

    /**
     * At least what {@link #newImage} adds to the completed Image: {@code metadata} with {@code uid},
     * {@code resourceVersion} and {@code creationTimestamp} ({@code ImageCompletionBoundTest} checks).
     */
    static final int SERVER_FIELDS_BYTES = 256;

    /** The Image as stored: completed from its manifest and config, with the fields the server sets. */
    private NewImage newImage(ObjectNode requestImage) {
        ObjectNode image = ImageCompletion.complete(requestImage);
        ObjectNode meta = image.with("metadata");
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("resourceVersion", "1");
        meta.put("creationTimestamp", Timestamps.now(clock));
        return new NewImage(meta.path("name").asText(), image);
    }
}
