package dev.ism.function.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ism.function.model.TagEvent;
import dev.ism.function.registry.TagHistory.Decision;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagHistoryTest {

    private static final String T0 = "2026-01-01T00:00:00Z";
    private static final String T1 = "2026-01-02T00:00:00Z";
    private static final String REF_A = "quay.io/example/ruby@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String REF_B = "registry.example.com/other/ruby@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String IMAGE_A = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String IMAGE_B = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static final TagEvent HEAD = new TagEvent(T0, REF_A, IMAGE_A, 3);

    // ---- the section 4 table ------------------------------------------------------------------

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("no history: the event is the whole history",
                        Optional.empty(), new TagEvent(T1, REF_A, IMAGE_A, 3),
                        new Decision.Prepend(new TagEvent(T1, REF_A, IMAGE_A, 3))),
                Arguments.of("same ref, image and generation: nothing changes",
                        Optional.of(HEAD), new TagEvent(T1, REF_A, IMAGE_A, 3),
                        new Decision.Unchanged()),
                Arguments.of("same ref and image, other generation: generation updated, created kept",
                        Optional.of(HEAD), new TagEvent(T1, REF_A, IMAGE_A, 4),
                        new Decision.ReplaceHead(new TagEvent(T0, REF_A, IMAGE_A, 4))),
                Arguments.of("same ref and image, older generation: generation still taken from the event",
                        Optional.of(HEAD), new TagEvent(T1, REF_A, IMAGE_A, 1),
                        new Decision.ReplaceHead(new TagEvent(T0, REF_A, IMAGE_A, 1))),
                Arguments.of("same ref, other image: image replaced, created kept",
                        Optional.of(HEAD), new TagEvent(T1, REF_A, IMAGE_B, 3),
                        new Decision.ReplaceHead(new TagEvent(T0, REF_A, IMAGE_B, 3))),
                Arguments.of("same ref, other image and generation: image and generation replaced, created kept",
                        Optional.of(HEAD), new TagEvent(T1, REF_A, IMAGE_B, 5),
                        new Decision.ReplaceHead(new TagEvent(T0, REF_A, IMAGE_B, 5))),
                Arguments.of("same image, other ref: reference replaced, created kept",
                        Optional.of(HEAD), new TagEvent(T1, REF_B, IMAGE_A, 3),
                        new Decision.ReplaceHead(new TagEvent(T0, REF_B, IMAGE_A, 3))),
                Arguments.of("same image, other ref and generation: reference and generation replaced, created kept",
                        Optional.of(HEAD), new TagEvent(T1, REF_B, IMAGE_A, 5),
                        new Decision.ReplaceHead(new TagEvent(T0, REF_B, IMAGE_A, 5))),
                Arguments.of("otherwise (other ref and image): event prepended",
                        Optional.of(HEAD), new TagEvent(T1, REF_B, IMAGE_B, 3),
                        new Decision.Prepend(new TagEvent(T1, REF_B, IMAGE_B, 3))),
                Arguments.of("otherwise (other ref, image and generation): event prepended",
                        Optional.of(HEAD), new TagEvent(T1, REF_B, IMAGE_B, 7),
                        new Decision.Prepend(new TagEvent(T1, REF_B, IMAGE_B, 7))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void appliesTheTable(String description, Optional<TagEvent> head, TagEvent next, Decision expected) {
        Decision decision = TagHistory.apply(head, next);
        assertEquals(expected, decision);
    }

    // ---- the event and its reference -------------------------------------------------------------

    private static final String REQUEST_REF =
            "image-registry.openshift-image-registry.svc:5000/other/ruby@" + IMAGE_A;
    private static final String STREAM_REPO = "image-registry.openshift-image-registry.svc:5000/myproject/ruby";

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("existed and managed: made local to this stream", true, true, STREAM_REPO,
                        STREAM_REPO + "@" + IMAGE_A),
                Arguments.of("existed, not managed: request's reference", true, false, STREAM_REPO, REQUEST_REF),
                Arguments.of("new and managed: request's reference", false, true, STREAM_REPO, REQUEST_REF),
                Arguments.of("new, not managed: request's reference", false, false, STREAM_REPO, REQUEST_REF),
                Arguments.of("existed and managed, stream without repository: request's reference",
                        true, true, "", REQUEST_REF),
                Arguments.of("existed and managed, null repository: request's reference",
                        true, true, null, REQUEST_REF),
                Arguments.of("existed and managed, unparsable repository: request's reference",
                        true, true, "Not A Repository", REQUEST_REF),
                Arguments.of("existed and managed, repository without registry", true, true, "myproject/ruby",
                        "myproject/ruby@" + IMAGE_A));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void buildsTheEvent(String description, boolean existed, boolean managed, String repository, String expectedRef) {
        TagEvent event = TagHistory.event(T1, REQUEST_REF, IMAGE_A, 9, existed, managed, repository);
        assertEquals(new TagEvent(T1, expectedRef, IMAGE_A, 9), event);
    }

    // ---- spec tags tracking the updated tag --------------------------------------------------------

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode from(String kind, String name, String namespace) {
        ObjectNode from = JSON.createObjectNode();
        if (kind != null) {
            from.put("kind", kind);
        }
        from.put("name", name);
        if (namespace != null) {
            from.put("namespace", namespace);
        }
        return from;
    }

    private static ObjectNode stream(ObjectNode... specTags) {
        ObjectNode stream = JSON.createObjectNode();
        stream.put("kind", "ImageStream");
        ArrayNode tags = stream.putObject("spec").putArray("tags");
        for (ObjectNode t : specTags) {
            tags.add(t);
        }
        return stream;
    }

    private static ObjectNode specTag(String name, ObjectNode from) {
        ObjectNode tag = JSON.createObjectNode();
        tag.put("name", name);
        if (from != null) {
            tag.set("from", from);
        }
        return tag;
    }

    static Stream<Arguments> specTags() {
        return Stream.of(
                Arguments.of("ImageStreamTag naming <stream>:<tag>", specTag("prod", from("ImageStreamTag", "ruby:latest", null)), true),
                Arguments.of("other kind (DockerImage)", specTag("prod", from("DockerImage", "ruby:latest", null)), false),
                Arguments.of("other kind (ImageStreamImage)", specTag("prod", from("ImageStreamImage", "ruby:latest", null)), false),
                Arguments.of("no kind", specTag("prod", from(null, "ruby:latest", null)), false),
                Arguments.of("other namespace", specTag("prod", from("ImageStreamTag", "ruby:latest", "elsewhere")), false),
                Arguments.of("same namespace, explicit", specTag("prod", from("ImageStreamTag", "ruby:latest", "myproject")), true),
                Arguments.of("empty namespace", specTag("prod", from("ImageStreamTag", "ruby:latest", "")), true),
                Arguments.of("other stream", specTag("prod", from("ImageStreamTag", "python:latest", null)), false),
                Arguments.of("other tag of this stream", specTag("prod", from("ImageStreamTag", "ruby:2.7", null)), false),
                Arguments.of("split on the first colon only", specTag("prod", from("ImageStreamTag", "ruby:latest:x", null)), false),
                Arguments.of("no colon: a tag of this stream (old form the server honours)",
                        specTag("prod", from("ImageStreamTag", "latest", null)), true),
                Arguments.of("no colon, other tag", specTag("prod", from("ImageStreamTag", "2.7", null)), false),
                Arguments.of("no colon, the stream's name", specTag("prod", from("ImageStreamTag", "ruby", null)), false),
                Arguments.of("empty tag after the colon means latest", specTag("prod", from("ImageStreamTag", "ruby:", null)), true),
                Arguments.of("no from", specTag("prod", null), false),
                Arguments.of("the updated tag itself is excluded", specTag("latest", from("ImageStreamTag", "ruby:latest", null)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specTags")
    void findsTrackingSpecTags(String description, ObjectNode specTag, boolean tracking) {
        List<String> found = TagHistory.trackingSpecTags(stream(specTag), "myproject", "ruby", "latest");
        assertEquals(tracking ? List.of(specTag.get("name").asText()) : List.of(), found);
    }

    @Test
    void returnsTrackingSpecTagsInSpecOrder() {
        ObjectNode stream = stream(
                specTag("z-prod", from("ImageStreamTag", "ruby:latest", null)),
                specTag("latest", from("DockerImage", "quay.io/example/ruby:latest", null)),
                specTag("other", from("ImageStreamTag", "python:latest", null)),
                specTag("a-stage", from("ImageStreamTag", "latest", "myproject")),
                specTag("m-qa", from("ImageStreamTag", "ruby:latest", "")));
        assertEquals(List.of("z-prod", "a-stage", "m-qa"),
                TagHistory.trackingSpecTags(stream, "myproject", "ruby", "latest"));
    }

    @Test
    void laterDuplicateSpecTagWins() {
        ObjectNode stream = stream(
                specTag("prod", from("ImageStreamTag", "ruby:latest", null)),
                specTag("stage", from("ImageStreamTag", "ruby:latest", null)),
                specTag("prod", from("ImageStreamTag", "ruby:2.7", null)));
        assertEquals(List.of("stage"), TagHistory.trackingSpecTags(stream, "myproject", "ruby", "latest"));
    }

    @Test
    void streamWithoutSpecTagsHasNoTrackingTags() {
        ObjectNode stream = JSON.createObjectNode();
        assertTrue(TagHistory.trackingSpecTags(stream, "myproject", "ruby", "latest").isEmpty());
        stream.putObject("spec");
        assertTrue(TagHistory.trackingSpecTags(stream, "myproject", "ruby", "latest").isEmpty());
    }
}
