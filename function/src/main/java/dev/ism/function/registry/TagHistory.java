package dev.ism.function.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.model.TagEvent;
import dev.ism.schema.reference.DockerImageReference;
import dev.ism.schema.reference.ReferenceParseException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a mapping changes an ImageStream tag's history (BEHAVIOUR.md section 4), as the OpenShift API
 * server does it in {@code AddTagEventToImageStream}, {@code UpdateTrackingTags} and the
 * ImageStreamMapping {@code Create}. Pure functions; the caller reads and writes the stream.
 */
public final class TagHistory {

    /** {@code from.kind} of a spec tag that tracks another tag. */
    public static final String KIND_IMAGE_STREAM_TAG = "ImageStreamTag";
    /** The tag an {@code ImageStreamTag} name without one means ({@code <stream>:}). */
    public static final String DEFAULT_TAG = "latest";

    private TagHistory() {
    }

    /** What to do with a tag's history ({@code items}, newest first) for a new event. */
    public sealed interface Decision {

        /** Same reference, image and generation as {@code items[0]}: nothing is written. */
        record Unchanged() implements Decision {
        }

        /** {@code items[0]} is replaced by {@code event} (which keeps the old entry's {@code created}). */
        record ReplaceHead(TagEvent event) implements Decision {
        }

        /** {@code event} goes in front of the history (or is the whole history when there was none). */
        record Prepend(TagEvent event) implements Decision {
        }
    }

    /**
     * The section 4 table, given the tag's current event {@code head} ({@code items[0]}, empty when
     * the tag has no history) and the mapping's event {@code next}.
     *
     * <p>When the head is collapsed into (same reference and/or same image), the server also sets its
     * generation to the new one, in each of the three collapsing cases; {@code created} is kept.
     */
    public static Decision apply(Optional<TagEvent> head, TagEvent next) {
        if (head.isEmpty()) {
            return new Decision.Prepend(next);
        }
        TagEvent previous = head.get();
        boolean sameRef = Objects.equals(previous.dockerImageReference(), next.dockerImageReference());
        boolean sameImage = Objects.equals(previous.image(), next.image());
        boolean sameGeneration = previous.generation() == next.generation();

        if (sameRef && sameImage && sameGeneration) {
            return new Decision.Unchanged();
        }
        if (sameRef && sameImage) {
            return new Decision.ReplaceHead(previous.withGeneration(next.generation()));
        }
        if (sameRef) {
            return new Decision.ReplaceHead(previous.withImage(next.image()).withGeneration(next.generation()));
        }
        if (sameImage) {
            return new Decision.ReplaceHead(
                    previous.withReference(next.dockerImageReference()).withGeneration(next.generation()));
        }
        return new Decision.Prepend(next);
    }

    /**
     * The names of the spec tags of {@code stream} (an ImageStream with {@code spec.tags[]} entries of
     * {@code name} and {@code from{kind, name, namespace}}) that track {@code updatedTag} of this
     * stream, in spec order, {@code updatedTag} itself left out.
     *
     * <p>A spec tag tracks it when {@code from.kind} is {@code ImageStreamTag}, {@code from.namespace}
     * is empty or {@code namespace}, and {@code from.name} names the tag: {@code <stream>:<tag>} split
     * at the first colon (an empty tag after the colon meaning {@code latest}), or, without a colon,
     * just {@code <tag>} of this stream (the server still honours that old form). When two spec
     * entries have the same name the later one counts, at the position of the first.
     */
    public static List<String> trackingSpecTags(ObjectNode stream, String namespace, String streamName,
                                                String updatedTag) {
        Map<String, JsonNode> specTags = new LinkedHashMap<>();
        for (JsonNode specTag : stream.path("spec").path("tags")) {
            JsonNode name = specTag.get("name");
            if (name != null && name.isTextual()) {
                specTags.put(name.asText(), specTag.get("from"));
            }
        }
        List<String> tracking = new ArrayList<>();
        specTags.forEach((name, from) -> {
            if (!name.equals(updatedTag) && from != null && from.isObject()
                    && tracks(from, namespace, streamName, updatedTag)) {
                tracking.add(name);
            }
        });
        return tracking;
    }

    private static boolean tracks(JsonNode from, String namespace, String streamName, String updatedTag) {
        if (!KIND_IMAGE_STREAM_TAG.equals(from.path("kind").asText(""))) {
            return false;
        }
        String fromNamespace = from.path("namespace").asText("");
        if (!fromNamespace.isEmpty() && !fromNamespace.equals(namespace)) {
            return false;
        }
        String fromName = from.path("name").asText("");
        int colon = fromName.indexOf(':');
        String stream = colon < 0 ? streamName : fromName.substring(0, colon);
        String tag = colon < 0 ? fromName : fromName.substring(colon + 1);
        if (colon >= 0 && tag.isEmpty()) {
            tag = DEFAULT_TAG;
        }
        return stream.equals(streamName) && tag.equals(updatedTag);
    }

    /**
     * The mapping's tag event. Its reference is {@code requestRef}, except when the image already
     * existed and the request's image is managed ({@code openshift.io/image.managed: "true"}): then it
     * is {@code <streamDockerImageRepository>@<imageName>}, the image made local to this stream. The
     * repository is the stream's {@code status.dockerImageRepository} (or, when that is empty, its
     * {@code spec.dockerImageRepository}); when it is empty or does not parse as a Docker reference the
     * request's reference is kept.
     */
    public static TagEvent event(String created, String requestRef, String imageName, long generation,
                                 boolean imageExisted, boolean managed, String streamDockerImageRepository) {
        String ref = requestRef;
        if (imageExisted && managed) {
            ref = localReference(streamDockerImageRepository, imageName).orElse(requestRef);
        }
        return new TagEvent(created, ref, imageName, generation);
    }

    private static Optional<String> localReference(String repository, String imageName) {
        if (repository == null || repository.isEmpty()) {
            return Optional.empty();
        }
        try {
            DockerImageReference repo = DockerImageReference.parse(repository);
            return Optional.of(new DockerImageReference(repo.registry(), repo.namespace(), repo.name(), "",
                    Objects.toString(imageName, "")).exact());
        } catch (ReferenceParseException e) {
            return Optional.empty();
        }
    }
}
