package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.ApiPaths;
import dev.ism.function.support.Api.Via;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the end-to-end tests share: request bodies, the spec's example responses, assertions on
 * Status responses, and the few direct DynamoDB operations a test needs to arrange a state the API
 * cannot produce (a stream's generation bumped, an event's time moved back, an item corrupted).
 */
final class E2e extends ApiPaths {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = Api.BASE;
    static final int LIMIT = 3 * 1024 * 1024;
    /** In the body of every mapping the suite sends; SuiteLogCheck finds it in no log line. */
    static final String BODY_MARKER = "ism-body-marker-5e1f0c";

    private E2e() {
    }

    // ---------------------------------------------------------------------------------------- paths





    // ---------------------------------------------------------------------------------------- bodies


    /** A small, valid mapping of an external image (no manifest). */
    static ObjectNode mapping(String ns, String stream, String tag, String imageName, String reference) {
        ObjectNode m = JSON.createObjectNode();
        m.put("kind", "ImageStreamMapping");
        m.put("apiVersion", "image.openshift.io/v1");
        // A label of the mapping, which nothing stores or logs: it must never reach a log (SuiteLogCheck). A
        // known field, so that it raises no fieldValidation warning.
        m.putObject("metadata").put("name", stream).put("namespace", ns).putObject("labels").put("ism.test/marker", BODY_MARKER);
        ObjectNode image = m.putObject("image");
        image.putObject("metadata").put("name", imageName);
        image.put("dockerImageReference", reference);
        image.putArray("dockerImageLayers");
        m.put("tag", tag);
        return m;
    }

    /** {@link #mapping} of image {@code digest(seed)} referenced as {@code quay.io/e2e/<stream>@<digest>}. */
    static ObjectNode mapping(String ns, String stream, String tag, String seed) {
        String d = digest(seed);
        return mapping(ns, stream, tag, d, "quay.io/e2e/" + stream + "@" + d);
    }

    /** The spec's registry push ({@code examples/ism-registry-push-schema2.json}) into {@code ns}. */
    static ObjectNode registryPush(String ns, String stream, String tag) {
        ObjectNode m = (ObjectNode) resource("/manifests/ism-registry-push-schema2.json");
        ((ObjectNode) m.get("metadata")).put("name", stream).put("namespace", ns);
        m.put("tag", tag);
        return m;
    }

    static ObjectNode image(ObjectNode mapping) {
        return (ObjectNode) mapping.get("image");
    }

    static ObjectNode streamBody(String name) {
        ObjectNode s = JSON.createObjectNode();
        s.put("kind", "ImageStream");
        s.put("apiVersion", "image.openshift.io/v1");
        s.putObject("metadata").put("name", name);
        return s;
    }

    /** A stream whose spec tag {@code tracking} follows {@code <name>:<tracked>}. */
    static ObjectNode streamTracking(String name, String tracking, String tracked) {
        ObjectNode s = streamBody(name);
        ObjectNode tag = s.putObject("spec").putArray("tags").addObject();
        tag.put("name", tracking);
        tag.putObject("from").put("kind", "ImageStreamTag").put("name", name + ":" + tracked);
        return s;
    }

    static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------- requests

    static Map<String, String> headers(String token, String contentType) {
        Map<String, String> h = new LinkedHashMap<>();
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        }
        return h;
    }

    static Api.Response post(Api api, Via via, String path, JsonNode body) {
        return api.send(via, "POST", path, headers(Api.REGISTRY_TOKEN, "application/json"), bytes(body), false);
    }

    static Api.Response post(Api api, Via via, String path, byte[] body, Map<String, String> headers) {
        return api.send(via, "POST", path, headers, body, false);
    }

    /** Creates a stream from {@code body} as the registry; fails unless 201. */
    static JsonNode createStream(Api api, String ns, JsonNode body) {
        Api.Response r = post(api, Via.HTTP, streams(ns), body);
        assertEquals(201, r.code(), r.body());
        return r.json();
    }

    static JsonNode getStream(Api api, String ns, String name) {
        Api.Response r = api.get(Via.HTTP, Api.REGISTRY_TOKEN, stream(ns, name));
        assertEquals(200, r.code(), r.body());
        return r.json();
    }

    static JsonNode getImage(Api api, String name) {
        Api.Response r = api.get(Via.HTTP, Api.REGISTRY_TOKEN, image(name));
        assertEquals(200, r.code(), r.body());
        return r.json();
    }

    /** {@code status.tags[tag].items} of a stream as served, empty when the tag has no history. */
    static List<JsonNode> items(JsonNode stream, String tag) {
        for (JsonNode t : stream.path("status").path("tags")) {
            if (t.path("tag").asText().equals(tag)) {
                List<JsonNode> items = new ArrayList<>();
                t.path("items").forEach(items::add);
                return items;
            }
        }
        return List.of();
    }

    static List<String> tags(JsonNode stream) {
        List<String> tags = new ArrayList<>();
        stream.path("status").path("tags").forEach(t -> tags.add(t.path("tag").asText()));
        return tags;
    }

    // ---------------------------------------------------------------------------------------- assertions

    /** A JSON response (Content-Type application/json) with the HTTP code of the Status it carries. */
    static JsonNode assertStatus(Api.Response r, int code) {
        assertEquals(code, r.code(), r.body());
        assertJsonContentType(r);
        JsonNode body = r.json();
        assertEquals("Status", body.path("kind").asText(), r.body());
        assertEquals("v1", body.path("apiVersion").asText(), r.body());
        assertTrue(body.path("metadata").isObject() && body.path("metadata").isEmpty(), r.body());
        assertEquals(code, body.path("code").asInt(), r.body());
        assertEquals(code < 300 ? "Success" : "Failure", body.path("status").asText(), r.body());
        return body;
    }

    /** The response is exactly {@code expected}: same code, JSON content type, equal JSON body. */
    static void assertExactly(JsonNode expected, Api.Response r) {
        assertStatus(r, expected.path("code").asInt());
        assertEquals(expected, r.json(), r.body());
    }

    static void assertJsonContentType(Api.Response r) {
        String type = r.header("Content-Type");
        assertTrue(type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json"),
                "Content-Type " + type + " of " + r.body());
    }

    // ---------------------------------------------------------------------------------------- resources

    static JsonNode example(String name) {
        return resource("/e2e/examples/" + name);
    }

    static JsonNode resource(String path) {
        try (InputStream in = E2e.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        try (InputStream in = E2e.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------- DynamoDB

    /** The table as a set of items: equal sets mean nothing was written. */
    static Set<Map<String, AttributeValue>> snapshot(Api api) {
        return new HashSet<>(api.scanAll());
    }

    /**
     * Every item of a namespace: its streams' items and every stream's tag events (read by key, not by
     * scanning a table other tests fill). Equal before and after means nothing in the namespace was written.
     */
    static Set<Map<String, AttributeValue>> namespaceItems(Api api, String ns) {
        Set<Map<String, AttributeValue>> items = new HashSet<>(partition(api, "ns/" + ns));
        for (Map<String, AttributeValue> stream : List.copyOf(items)) {
            String sk = stream.get("sk").s();
            items.addAll(partition(api, "ns/" + ns + "/" + sk));
        }
        return items;
    }

    private static List<Map<String, AttributeValue>> partition(Api api, String pk) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        dynamo(api).queryPaginator(b -> b.tableName(api.store().tableName())
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", "pk"))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                        .consistentRead(true))
                .items().forEach(out::add);
        return out;
    }

    static DynamoDbClient dynamo(Api api) {
        return api.context().getBean(DynamoDbClient.class);
    }

    private static Map<String, AttributeValue> streamKey(String ns, String name) {
        return Map.of("pk", AttributeValue.fromS("ns/" + ns), "sk", AttributeValue.fromS("imagestreams/" + name));
    }

    /**
     * What an update of the stream (there is no update endpoint) would do to it: {@code metadata.generation}
     * set and the resourceVersion advanced, written straight into the stream's item.
     */
    static void setGeneration(Api api, String ns, String name, long generation) {
        DynamoDbClient client = dynamo(api);
        String table = api.store().tableName();
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(streamKey(ns, name)).consistentRead(true)).item();
        try {
            ObjectNode obj = (ObjectNode) JSON.readTree(item.get("obj").s());
            ((ObjectNode) obj.get("metadata")).put("generation", generation);
            client.updateItem(b -> b.tableName(table).key(streamKey(ns, name))
                    .updateExpression("SET #obj = :obj, #gen = :gen, #rv = #rv + :one")
                    .expressionAttributeNames(Map.of("#obj", "obj", "#gen", "gen", "#rv", "rv"))
                    .expressionAttributeValues(Map.of(":obj", AttributeValue.fromS(obj.toString()),
                            ":gen", AttributeValue.fromN(Long.toString(generation)), ":one", AttributeValue.fromN("1"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Moves the {@code created} time of the tag's first event (seq 1) back to {@code created}: in its event item and,
     * while it is the tag's newest event, in the copy the stream item keeps of it.
     */
    static void setFirstEventCreated(Api api, String ns, String name, String tag, String created) {
        DynamoDbClient client = dynamo(api);
        Map<String, AttributeValue> key = Map.of(
                "pk", AttributeValue.fromS("ns/" + ns + "/imagestreams/" + name),
                "sk", AttributeValue.fromS("tag/" + tag + "/" + String.format("%019d", 1)));
        client.updateItem(b -> b.tableName(api.store().tableName()).key(key)
                .updateExpression("SET #c = :c")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#c", "created"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(created))));
        try {
            client.updateItem(b -> b.tableName(api.store().tableName()).key(streamKey(ns, name))
                    .updateExpression("SET #h.#t.#c = :c")
                    .conditionExpression("#h.#t.#seq = :one")
                    .expressionAttributeNames(Map.of("#h", "heads", "#t", tag, "#c", "created", "#seq", "seq"))
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(created), ":one", AttributeValue.fromN("1"))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException laterEventIsNewest) {
            // the first event is no longer the tag's newest: the stream item's copy is of another event
        }
    }

    /** Replaces the stream's stored JSON with something that is not JSON: reading it must fail. */
    static void corruptStream(Api api, String ns, String name) {
        dynamo(api).updateItem(b -> b.tableName(api.store().tableName()).key(streamKey(ns, name))
                .updateExpression("SET #obj = :obj")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#obj", "obj"))
                .expressionAttributeValues(Map.of(":obj", AttributeValue.fromS("{\"kind\":\"ImageStream\",\"metadata\":"))));
    }

}
