package dev.ism.function.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.model.TagEvent;
import dev.ism.function.registry.storage.ConflictException;
import dev.ism.function.registry.storage.ImageStreams;
import dev.ism.schema.ImageStreamMappingValidator;
import dev.ism.schema.Status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mapping's create logic against the storage interfaces in memory: which calls it makes, its retry on
 * conflicts and when a conflict is the client's 409 (BEHAVIOUR.md sections 3 to 5). End to end, with DynamoDB
 * Local, the same paths are covered by the e2e suite; here each is forced deterministically.
 */
class ImageStreamMappingRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "myproject";
    private static final String IMAGE_A = "sha256:" + "a".repeat(64);
    private static final String IMAGE_B = "sha256:" + "b".repeat(64);
    private static final String IMAGE_C = "sha256:" + "c".repeat(64);
    private static final String HOST = "registry.example.com";
    private static final CreateOptions WRITE = new CreateOptions(false, "");
    private static final CreateOptions DRY_RUN = new CreateOptions(true, "");

    private InMemoryStorage storage;
    private ImageStreamMappingRest mappings;

    @BeforeEach
    void setUp() {
        storage = new InMemoryStorage();
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
        mappings = new ImageStreamMappingRest(new ImageStreamMappingStrategy(ImageStreamMappingValidator.create()),
                storage, storage, storage, new StreamRepository(new MappingSettings(HOST)), clock);
        storage.create(NS, "ruby", stream("ruby"));
    }

    @Test
    void aNewImageOnANewTagTakesOneReadAndOneWrite() {
        assertEquals(201, create(body("ruby", "latest", IMAGE_A, false), WRITE).code());

        assertEquals(1, storage.streamReads);
        assertEquals(1, storage.tagWrites);
        assertEquals(0, storage.imageReads);
        assertEquals(List.of(IMAGE_A), List.copyOf(storage.images().keySet()));
        assertEquals(new TagEvent("2026-12-06T10:00:00Z", "quay.io/ns/ruby@" + IMAGE_A, IMAGE_A, 1), head("latest"));
    }

    @Test
    void theNextMappingToTheStreamStartsFromThisProcesssCopy() {
        create(body("ruby", "latest", IMAGE_A, false), WRITE);

        assertEquals(201, create(body("ruby", "latest", IMAGE_B, false), WRITE).code());

        assertEquals(1, storage.streamReads, "the second mapping made no read");
        assertEquals(2, storage.tagWrites);
        assertEquals(List.of(IMAGE_B, IMAGE_A), storage.history(NS, "ruby").get("latest").stream().map(TagEvent::image).toList());
    }

    @Test
    void aStaleCopyIsCaughtByTheWriteAndTheMappingDecidedAgain() {
        create(body("ruby", "latest", IMAGE_A, false), WRITE);
        // another process moves the tag: this process's copy is stale
        storage.writeTag(NS, "ruby", "latest", event(IMAGE_B));

        assertEquals(201, create(body("ruby", "latest", IMAGE_C, false), WRITE).code());

        assertEquals(List.of(IMAGE_C, IMAGE_B, IMAGE_A),
                storage.history(NS, "ruby").get("latest").stream().map(TagEvent::image).toList(),
                "decided again from the stream as it is, not a 409 against the stale copy");
    }

    @Test
    void aDecisionNotToWriteFromACopyIsCheckedAgainstTheStream() {
        create(body("ruby", "latest", IMAGE_A, false), WRITE);
        storage.writeTag(NS, "ruby", "latest", event(IMAGE_B));
        int writes = storage.tagWrites;
        // The copy says latest holds A already (nothing to write); the stream says B.
        assertEquals(201, create(body("ruby", "latest", IMAGE_A, false), WRITE).code());

        assertEquals(List.of(IMAGE_A, IMAGE_B, IMAGE_A),
                storage.history(NS, "ruby").get("latest").stream().map(TagEvent::image).toList());
        assertEquals(writes + 2, storage.tagWrites, "A exists: one write finds it, the next is made without it");
    }

    @Test
    void aManagedImageThatExistsIsTaggedWithTheStreamsRepositoryAndNotOverwritten() {
        create(body("ruby", "first", IMAGE_A, true), WRITE);
        ObjectNode stored = storage.images().get(IMAGE_A);

        assertEquals(201, create(body("ruby", "latest", IMAGE_A, true), WRITE).code());

        assertEquals(HOST + "/" + NS + "/ruby@" + IMAGE_A, head("latest").dockerImageReference());
        assertEquals(stored, storage.images().get(IMAGE_A));
        assertEquals(3, storage.tagWrites, "one for the first mapping, two for the second: the image, then without it");
    }

    @Test
    void aWriteToAnotherTagInBetweenDoesNotConflict() {
        storage.interference.add(() -> storage.writeTag(NS, "ruby", "other", event(IMAGE_B)));

        assertEquals(201, create(body("ruby", "latest", IMAGE_A, false), WRITE).code());

        assertEquals(1, storage.tagWrites);
        assertEquals(1, storage.streamReads);
        assertEquals(IMAGE_A, head("latest").image());
        assertEquals(IMAGE_B, head("other").image());
    }

    @Test
    void aChangeOfThisTagThatKeepsItsImageIsRetriedWithTheNewHead() {
        create(body("ruby", "latest", IMAGE_A, false), WRITE);
        TagEvent first = head("latest");
        storage.interference.add(() -> storage.writeTag(NS, "ruby", "latest", first.withGeneration(7)));

        assertEquals(201, create(body("ruby", "latest", IMAGE_B, false), WRITE).code());

        assertEquals(3, storage.tagWrites, "the first mapping, then the second twice");
        assertEquals(List.of(IMAGE_B, IMAGE_A), storage.history(NS, "ruby").get("latest").stream().map(TagEvent::image).toList());
    }

    @Test
    void writesInFlightOnTheSameStreamAreRetriedWithoutUsingUpTheAttempts() {
        for (int i = 0; i < 20; i++) {
            storage.interference.add(() -> {
                throw new ConflictException("in flight", null, true);
            });
        }

        assertEquals(201, create(body("ruby", "latest", IMAGE_A, false), WRITE).code());

        assertEquals(IMAGE_A, head("latest").image());
    }

    @Test
    void endlessWritesInFlightEndIn409() {
        for (int i = 0; i < 100; i++) {
            storage.interference.add(() -> {
                throw new ConflictException("in flight", null, true);
            });
        }

        ApiException e = assertThrows(ApiException.class, () -> create(body("ruby", "latest", IMAGE_A, false), WRITE));

        assertEquals(409, e.status().code());
        assertEquals(100 - ImageStreamMappingRest.MAX_CONTENDED, storage.interference.size());
        assertEquals(Map.of(), storage.images());
    }

    @Test
    void anotherWriterMovingThisTagIsA409AndNothingOfOursIsWritten() {
        storage.interference.add(() -> storage.writeTag(NS, "ruby", "latest", event(IMAGE_B)));

        ApiException e = assertThrows(ApiException.class, () -> create(body("ruby", "latest", IMAGE_A, false), WRITE));

        assertEquals(409, e.status().code());
        assertEquals(IMAGE_B, head("latest").image());
        assertEquals(Map.of(), storage.images(), "the image goes with the tag event, or not at all");
    }

    @Test
    void anotherWriterMakingTheSameMappingIsASuccessWithoutWritingAgain() {
        storage.interference.add(() -> storage.writeTag(NS, "ruby", "latest",
                new TagEvent("2026-12-06T10:00:00Z", "quay.io/ns/ruby@" + IMAGE_A, IMAGE_A, 1)));

        assertEquals(201, create(body("ruby", "latest", IMAGE_A, false), WRITE).code());

        assertEquals(1, storage.tagWrites);
        assertEquals(List.of(head("latest")), storage.history(NS, "ruby").get("latest"));
    }

    @Test
    void conflictsOnEveryAttemptGiveUpAfterTenAttemptsWith409() {
        create(body("ruby", "latest", IMAGE_A, false), WRITE);
        TagEvent first = head("latest");
        for (int i = 0; i < 20; i++) {
            long generation = 10 + i;
            // Another writer keeps rewriting this tag's head, its image and reference unchanged.
            storage.interference.add(() -> storage.writeTag(NS, "ruby", "latest", first.withGeneration(generation)));
        }

        ApiException e = assertThrows(ApiException.class,
                () -> create(body("ruby", "latest", IMAGE_B, false), WRITE));

        assertEquals(409, e.status().code());
        // the first mapping's write; the second's first attempt, from this process's copy (a conflict then only
        // means the copy was stale: it is not counted); then its ten attempts from fresh reads
        assertEquals(1 + 1 + ImageStreamMappingRest.MAX_ATTEMPTS, storage.tagWrites);
        assertEquals(List.of(IMAGE_A), List.copyOf(storage.images().keySet()));
    }

    @Test
    void trackingSpecTagsGetTheEventInTheSameWrite() {
        ObjectNode tracked = stream("tracked");
        tracked.with("spec").putArray("tags").addObject().put("name", "stable")
                .putObject("from").put("kind", "ImageStreamTag").put("name", "tracked:latest");
        storage.create(NS, "tracked", tracked);

        assertEquals(201, create(body("tracked", "latest", IMAGE_A, false), WRITE).code());

        assertEquals(1, storage.tagWrites);
        assertEquals(Map.of("latest", List.of(head("tracked", "latest")), "stable", List.of(head("tracked", "latest"))),
                storage.history(NS, "tracked"));
    }

    @Test
    void moreTrackingSpecTagsThanOneWriteHoldsIs422() {
        ObjectNode tracked = stream("many");
        var tags = tracked.with("spec").putArray("tags");
        for (int i = 0; i < ImageStreams.MAX_TAG_CHANGES; i++) {
            tags.addObject().put("name", "t" + i).putObject("from").put("kind", "ImageStreamTag").put("name", "many:latest");
        }
        storage.create(NS, "many", tracked);

        ApiException e = assertThrows(ApiException.class, () -> create(body("many", "latest", IMAGE_A, false), WRITE));

        assertEquals(422, e.status().code());
        assertEquals("tag", e.status().details().causes().get(0).field());
        assertEquals(0, storage.tagWrites);
    }

    @Test
    void aDryRunReadsAndNeverWrites() {
        assertEquals(201, create(body("ruby", "latest", IMAGE_A, false), DRY_RUN).code());
        assertEquals(0, storage.tagWrites);
        assertEquals(1, storage.imageReads);
        assertEquals(Map.of(), storage.history(NS, "ruby"));
    }

    @Test
    void anImageTooLargeToStoreIs413UnlessItExists() {
        storage.maxImageChars = 100;
        for (CreateOptions options : List.of(WRITE, DRY_RUN)) {
            ApiException e = assertThrows(ApiException.class, () -> create(body("ruby", "latest", IMAGE_A, false), options));
            assertEquals(413, e.status().code());
            assertTrue(e.status().message().startsWith("Request entity too large: Image " + IMAGE_A), e.status().message());
        }
        storage.maxImageChars = Integer.MAX_VALUE;
        create(body("ruby", "first", IMAGE_A, false), WRITE);
        storage.maxImageChars = 100;
        assertEquals(201, create(body("ruby", "latest", IMAGE_A, false), DRY_RUN).code());
        assertEquals(201, create(body("ruby", "latest", IMAGE_A, false), WRITE).code());
        assertEquals(IMAGE_A, head("latest").image());
    }

    @Test
    void aMissingStreamIs404() {
        ApiException e = assertThrows(ApiException.class, () -> create(body("nothere", "latest", IMAGE_A, false), WRITE));
        assertEquals(404, e.status().code());
        assertEquals(0, storage.tagWrites);
    }

    @Test
    void anInvalidBodyNeverReachesTheStorage() {
        ApiException e = assertThrows(ApiException.class, () -> create(body("ruby", "not a tag!", IMAGE_A, false), WRITE));
        assertEquals(422, e.status().code());
        assertEquals(0, storage.streamReads + storage.tagWrites + storage.imageReads);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private Status create(String body, CreateOptions options) {
        return mappings.create(mappings.admit(NS, body.getBytes(StandardCharsets.UTF_8), options), options);
    }

    private TagEvent head(String tag) {
        return head("ruby", tag);
    }

    private TagEvent head(String stream, String tag) {
        return storage.get(NS, stream).orElseThrow().head(tag);
    }

    private static TagEvent event(String image) {
        return new TagEvent("2026-12-06T09:00:00Z", "quay.io/other@" + image, image, 1);
    }

    private static ObjectNode stream(String name) {
        ObjectNode s = JSON.createObjectNode();
        s.put("kind", "ImageStream").put("apiVersion", "image.openshift.io/v1");
        s.putObject("metadata").put("name", name).put("namespace", NS).put("generation", 1);
        s.putObject("spec");
        return s;
    }

    private static String body(String stream, String tag, String image, boolean managed) {
        ObjectNode m = JSON.createObjectNode();
        m.put("kind", "ImageStreamMapping").put("apiVersion", "image.openshift.io/v1");
        m.putObject("metadata").put("name", stream);
        ObjectNode img = m.putObject("image");
        ObjectNode meta = img.putObject("metadata").put("name", image);
        if (managed) {
            meta.putObject("annotations").put("openshift.io/image.managed", "true");
        }
        img.put("dockerImageReference", "quay.io/ns/ruby@" + image);
        img.putArray("dockerImageLayers");
        m.put("tag", tag);
        return m.toString();
    }
}
