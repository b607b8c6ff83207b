package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.createStream;
import static dev.ism.function.e2e.E2e.digest;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.getStream;
import static dev.ism.function.e2e.E2e.image;
import static dev.ism.function.e2e.E2e.items;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static dev.ism.function.e2e.E2e.registryPush;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Section 4, the tag history table, row by row through the API: a first mapping makes
 * {@code items[0]}, its {@code created} is moved back in DynamoDB (so that "kept" and "new" are told
 * apart without waiting), the stream's generation is bumped in DynamoDB where the row needs it (there
 * is no update endpoint), then the second mapping is the one under test.
 */
class TagEventsTest {

    private static final Api API = Api.shared();
    private static final String OLD = "2001-02-03T04:05:06Z";
    private static final String NEW = "<new>";

    /** An event as the test expects it: reference and image by their symbolic names, created OLD or NEW. */
    private record Expected(String ref, String image, long generation, String created) {
    }

    /** One row of the table: the first mapping (or none), a generation bump, the second mapping, the result. */
    enum Row {
        NO_HISTORY(null, null, false, "R1", "I1", true, new Expected("R1", "I1", 1, NEW)),
        SAME_REF_IMAGE_AND_GENERATION("R1", "I1", false, "R1", "I1", false, new Expected("R1", "I1", 1, OLD)),
        SAME_REF_AND_IMAGE_OTHER_GENERATION("R1", "I1", true, "R1", "I1", true, new Expected("R1", "I1", 2, OLD)),
        SAME_REF_OTHER_IMAGE("R1", "I1", false, "R1", "I2", true, new Expected("R1", "I2", 1, OLD)),
        SAME_REF_OTHER_IMAGE_AND_GENERATION("R1", "I1", true, "R1", "I2", true, new Expected("R1", "I2", 2, OLD)),
        SAME_IMAGE_OTHER_REF("R1", "I1", false, "R2", "I1", true, new Expected("R2", "I1", 1, OLD)),
        SAME_IMAGE_OTHER_REF_AND_GENERATION("R1", "I1", true, "R2", "I1", true, new Expected("R2", "I1", 2, OLD)),
        OTHERWISE_PREPENDED("R1", "I1", false, "R2", "I2", true,
                new Expected("R2", "I2", 1, NEW), new Expected("R1", "I1", 1, OLD)),
        OTHERWISE_WITH_OTHER_GENERATION_PREPENDED("R1", "I1", true, "R2", "I2", true,
                new Expected("R2", "I2", 2, NEW), new Expected("R1", "I1", 1, OLD));

        final String firstRef;
        final String firstImage;
        final boolean bumpGeneration;
        final String ref;
        final String image;
        final boolean writes;
        final List<Expected> expected;

        Row(String firstRef, String firstImage, boolean bumpGeneration, String ref, String image, boolean writes,
            Expected... expected) {
            this.firstRef = firstRef;
            this.firstImage = firstImage;
            this.bumpGeneration = bumpGeneration;
            this.ref = ref;
            this.image = image;
            this.writes = writes;
            this.expected = List.of(expected);
        }
    }

    static Stream<Arguments> table() {
        List<Arguments> cases = new ArrayList<>();
        for (Row row : Row.values()) {
            for (Via via : Via.values()) {
                cases.add(Arguments.of(row, via));
            }
        }
        return cases.stream();
    }

    /** The symbolic names of a case made concrete: two references, two images of the case's own. */
    private record Names(String ns) {
        String ref(String symbol) {
            return symbol.equals("R1") ? "quay.io/e2e/ruby:latest" : "quay.io/e2e/ruby:newer";
        }

        String image(String symbol) {
            return digest(symbol + ns);
        }
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("table")
    void historyTable(Row row, Via via) {
        String ns = Api.unique("tags");
        Names n = new Names(ns);
        API.createStream(ns, "ruby");
        if (row.firstRef != null) {
            assertExactly(example("response-201-success.json"), post(API, Via.HTTP, mappings(ns),
                    mapping(ns, "ruby", "latest", n.image(row.firstImage), n.ref(row.firstRef))));
            E2e.setFirstEventCreated(API, ns, "ruby", "latest", OLD);
            // images the second mapping names already exist, as the table assumes nothing about them
            if (!row.image.equals(row.firstImage)) {
                assertExactly(example("response-201-success.json"), post(API, Via.HTTP, mappings(ns),
                        mapping(ns, "ruby", "elsewhere", n.image(row.image), n.ref(row.ref))));
            }
        }
        if (row.bumpGeneration) {
            E2e.setGeneration(API, ns, "ruby", 2);
        }
        JsonNode before = getStream(API, ns, "ruby");
        Set<Map<String, AttributeValue>> itemsBefore = E2e.namespaceItems(API, ns);

        assertExactly(example("response-201-success.json"),
                post(API, via, mappings(ns), mapping(ns, "ruby", "latest", n.image(row.image), n.ref(row.ref))));

        JsonNode after = getStream(API, ns, "ruby");
        List<JsonNode> items = items(after, "latest");
        assertEquals(row.expected.size(), items.size(), items.toString());
        for (int i = 0; i < items.size(); i++) {
            Expected e = row.expected.get(i);
            JsonNode item = items.get(i);
            assertEquals(n.ref(e.ref()), item.path("dockerImageReference").asText(), "items[" + i + "] " + item);
            assertEquals(n.image(e.image()), item.path("image").asText(), "items[" + i + "] " + item);
            assertEquals(e.generation(), item.path("generation").asLong(), "items[" + i + "] " + item);
            if (e.created().equals(OLD)) {
                assertEquals(OLD, item.path("created").asText(), "items[" + i + "] keeps its time: " + item);
            } else {
                assertNotEquals(OLD, item.path("created").asText());
                Instant.parse(item.path("created").asText());
            }
        }
        long rvBefore = before.at("/metadata/resourceVersion").asLong();
        long rvAfter = after.at("/metadata/resourceVersion").asLong();
        if (row.writes) {
            assertEquals(rvBefore + 1, rvAfter);
        } else {
            assertEquals(rvBefore, rvAfter, "nothing written");
            assertEquals(itemsBefore, E2e.namespaceItems(API, ns), "nothing written");
            assertEquals(before, after);
        }
    }

    /** The managed-image rule, with the stream's repository from {@code spec.dockerImageRepository}. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void managedImageThatExistedIsReferencedThroughTheStreamsRepository(Via via) {
        String ns = Api.unique("tags");
        API.createStream(ns, "ruby");
        ObjectNode mirror = E2e.streamBody("mirror");
        mirror.putObject("spec").put("dockerImageRepository", "quay.io/mirror/ruby");
        createStream(API, ns, mirror);
        assertEquals("quay.io/mirror/ruby", getStream(API, ns, "mirror").at("/status/dockerImageRepository").asText());

        String name = digest("managed" + ns);
        ObjectNode push = registryPush(ns, "mirror", "new");
        ((ObjectNode) image(push).get("metadata")).put("name", name);
        String pushed = "image-registry.openshift-image-registry.svc:5000/" + ns + "/mirror@" + name;
        image(push).put("dockerImageReference", pushed);
        // the image is new: the request's reference, even though managed
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), push));
        assertEquals(pushed, items(getStream(API, ns, "mirror"), "new").get(0).path("dockerImageReference").asText());

        // now it exists: managed means <stream repository>@<image>
        push.put("tag", "existing");
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), push));
        assertEquals("quay.io/mirror/ruby@" + name,
                items(getStream(API, ns, "mirror"), "existing").get(0).path("dockerImageReference").asText());

        // existing but not managed: the request's reference
        ObjectNode unmanaged = push.deepCopy();
        ((ObjectNode) image(unmanaged).get("metadata")).remove("annotations");
        unmanaged.put("tag", "unmanaged");
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), unmanaged));
        assertEquals(pushed, items(getStream(API, ns, "mirror"), "unmanaged").get(0).path("dockerImageReference").asText());

        // existing and managed, but the stream has no repository: the request's reference
        push.with("metadata").put("name", "ruby");
        push.put("tag", "norepo");
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), push));
        assertEquals(pushed, items(getStream(API, ns, "ruby"), "norepo").get(0).path("dockerImageReference").asText());
    }

    /** Spec tags that track the mapped tag get the same event; others do not. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void specTagsTrackingTheTagGetTheSameEvent(Via via) {
        String ns = Api.unique("tags");
        ObjectNode stream = E2e.streamTracking("ruby", "stable", "latest");
        var tags = stream.with("spec").withArray("tags");
        tags.addObject().put("name", "legacy").putObject("from").put("kind", "ImageStreamTag").put("name", "latest");
        tags.addObject().put("name", "explicit").putObject("from").put("kind", "ImageStreamTag").put("name", "ruby:latest")
                .put("namespace", ns);
        tags.addObject().put("name", "foreign").putObject("from").put("kind", "ImageStreamTag").put("name", "ruby:latest")
                .put("namespace", "another-namespace");
        tags.addObject().put("name", "pinned").putObject("from").put("kind", "DockerImage").put("name", "quay.io/e2e/ruby:latest");
        tags.addObject().put("name", "follows-v1").putObject("from").put("kind", "ImageStreamTag").put("name", "ruby:v1");
        tags.addObject().put("name", "other-stream").putObject("from").put("kind", "ImageStreamTag").put("name", "python:latest");
        createStream(API, ns, stream);

        ObjectNode first = mapping(ns, "ruby", "latest", "first" + ns);
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), first));
        JsonNode after = getStream(API, ns, "ruby");
        assertEquals(List.of("explicit", "latest", "legacy", "stable"), E2e.tags(after));
        JsonNode event = items(after, "latest").get(0);
        for (String tracking : List.of("stable", "legacy", "explicit")) {
            assertEquals(List.of(event), items(after, tracking), tracking);
        }

        ObjectNode second = mapping(ns, "ruby", "latest", "second" + ns);
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), second));
        after = getStream(API, ns, "ruby");
        List<JsonNode> latest = items(after, "latest");
        assertEquals(2, latest.size());
        assertEquals(image(second).path("dockerImageReference"), latest.get(0).path("dockerImageReference"));
        for (String tracking : List.of("stable", "legacy", "explicit")) {
            assertEquals(latest, items(after, tracking), tracking);
        }
        assertEquals(List.of("explicit", "latest", "legacy", "stable"), E2e.tags(after));
    }
}
