package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.getStream;
import static dev.ism.function.e2e.E2e.image;
import static dev.ism.function.e2e.E2e.items;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Section 5: many mappings at once against one stream, through all three ways in together. Mappings of
 * distinct tags all answer 201; on one tag every answer is a 201 or a 409 Conflict Status; every mapping
 * answered 201 is in the history exactly once; a 409 leaves no trace in it; nothing is duplicated.
 */
class ConcurrencyTest {

    private static final int THREADS = 16;
    private static final int MAPPINGS = 64;
    private static final Api API = Api.shared();
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** Sends every mapping at once (each through the way in of its index) and returns the answers in order. */
    private static List<Api.Response> sendAll(String ns, List<ObjectNode> bodies) throws InterruptedException, ExecutionException {
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            Via via = Via.values()[i % Via.values().length];
            ObjectNode body = bodies.get(i);
            calls.add(() -> post(API, via, mappings(ns), body));
        }
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> f : pool.invokeAll(calls)) {
            responses.add(f.get());
        }
        return responses;
    }

    /** A 201 Success or a 409 Conflict, exactly as the spec shows them (the stream is "ruby"). */
    private static boolean created(Api.Response r) {
        if (r.code() == 201) {
            assertExactly(example("response-201-success.json"), r);
            return true;
        }
        assertExactly(example("response-409-conflict.json"), r);
        return false;
    }

    @Test
    void distinctTags() throws Exception {
        String ns = Api.unique("concurrent");
        API.createStream(ns, "ruby");
        List<ObjectNode> bodies = new ArrayList<>();
        for (int i = 0; i < MAPPINGS; i++) {
            bodies.add(mapping(ns, "ruby", "t" + i, "distinct-tags-" + i + ns));
        }
        List<Api.Response> responses = sendAll(ns, bodies);

        JsonNode stream = getStream(API, ns, "ruby");
        int ok = 0;
        for (int i = 0; i < MAPPINGS; i++) {
            List<JsonNode> items = items(stream, "t" + i);
            if (created(responses.get(i))) {
                ok++;
                assertEquals(1, items.size(), "t" + i + ": " + items);
                assertEquals(image(bodies.get(i)).at("/metadata/name").asText(), items.get(0).path("image").asText());
                assertEquals(image(bodies.get(i)).path("dockerImageReference").asText(),
                        items.get(0).path("dockerImageReference").asText());
            } else {
                assertTrue(items.isEmpty(), "a 409 leaves nothing: t" + i + " " + items);
            }
        }
        assertEquals(ok, E2e.tags(stream).size(), "no other tag appeared");
        // A mapping's decision reads only its own tag's head: mappings of distinct tags never conflict.
        assertEquals(MAPPINGS, ok, "every mapping of a distinct tag is 201");
        assertEquals(1 + ok, stream.at("/metadata/resourceVersion").asLong(), "one write per created mapping");
    }

    @Test
    void sameTagDistinctImages() throws Exception {
        String ns = Api.unique("concurrent");
        API.createStream(ns, "ruby");
        List<ObjectNode> bodies = new ArrayList<>();
        for (int i = 0; i < MAPPINGS; i++) {
            bodies.add(mapping(ns, "ruby", "latest", "same-tag-" + i + ns));
        }
        List<Api.Response> responses = sendAll(ns, bodies);

        List<JsonNode> history = items(getStream(API, ns, "ruby"), "latest");
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode item : history) {
            seen.merge(item.path("image").asText(), 1, Integer::sum);
        }
        seen.forEach((image, count) -> assertEquals(1, count, "duplicated in the history: " + image));
        Set<String> createdImages = new HashSet<>();
        for (int i = 0; i < MAPPINGS; i++) {
            String image = image(bodies.get(i)).at("/metadata/name").asText();
            if (created(responses.get(i))) {
                createdImages.add(image);
                assertEquals(1, seen.getOrDefault(image, 0), "a 201 is in the history exactly once: " + i);
            } else {
                assertFalse(seen.containsKey(image), "a 409 is not in the history: " + i);
            }
        }
        assertEquals(createdImages, seen.keySet());
        assertEquals(createdImages.size(), history.size());
        assertFalse(createdImages.isEmpty());
        System.out.printf("same tag: %d of %d mappings 201, %d 409%n", createdImages.size(), MAPPINGS, MAPPINGS - createdImages.size());
    }

    /** Streams created at once under one name: exactly one 201, every other answer 409 AlreadyExists. */
    @Test
    void sameStreamCreatedConcurrently() throws Exception {
        String ns = Api.unique("concurrent");
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS * 2; i++) {
            Via via = Via.values()[i % Via.values().length];
            ObjectNode body = E2e.streamBody("ruby");
            ((ObjectNode) body.get("metadata")).putObject("labels").put("writer", Integer.toString(i));
            calls.add(() -> post(API, via, E2e.streams(ns), body));
        }
        int created = 0;
        String winner = null;
        for (Future<Api.Response> f : pool.invokeAll(calls)) {
            Api.Response r = f.get();
            if (r.code() == 201) {
                created++;
                winner = r.json().at("/metadata/labels/writer").asText();
            } else {
                JsonNode status = E2e.assertStatus(r, 409);
                assertEquals("AlreadyExists", status.path("reason").asText(), r.body());
            }
        }
        assertEquals(1, created);
        assertEquals(winner, getStream(API, ns, "ruby").at("/metadata/labels/writer").asText());
        assertEquals(1, API.get(Via.HTTP, Api.REGISTRY_TOKEN, E2e.streams(ns)).json().path("items").size());
    }

    @Test
    void sameTagSameImage() throws Exception {
        String ns = Api.unique("concurrent");
        API.createStream(ns, "ruby");
        List<ObjectNode> bodies = new ArrayList<>();
        for (int i = 0; i < MAPPINGS / 2; i++) {
            bodies.add(mapping(ns, "ruby", "latest", "one-image" + ns));
        }
        List<Api.Response> responses = sendAll(ns, bodies);
        int ok = 0;
        for (Api.Response r : responses) {
            ok += created(r) ? 1 : 0;
        }
        assertTrue(ok > 0);
        List<JsonNode> history = items(getStream(API, ns, "ruby"), "latest");
        assertEquals(1, history.size(), history.toString());
        assertEquals(image(bodies.get(0)).at("/metadata/name").asText(), history.get(0).path("image").asText());
    }
}
