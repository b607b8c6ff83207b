package dev.ism.function.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ism.function.support.RepoFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HttpApiEvents} against Jackson's binding of the same classes, which it replaces on the HTTP API's path:
 * every event is read alike or left to the binding, and responses are written to the same bytes.
 */
class HttpApiEventsTest {

    private static final List<String> EVENT_FILES = List.of("registry-push.json", "dry-run.json", "create-stream.json",
            "get-image.json", "list-streams.json", "no-token.json", "invalid-body.json", "forbidden.json");
    /** Values put in place of a property's: one of each JSON type, and the shapes the properties take. */
    private static final List<String> VALUES = List.of("null", "\"s\"", "\"\"", "1", "-9223372036854775809", "1.5", "true",
            "false", "[]", "[\"a\",null]", "[1]", "{}", "{\"a\":\"b\",\"a\":\"c\",\"b\":null}", "{\"a\":1}", "{\"method\":\"GET\"}");

    @Test
    void thePropertiesReadAreTheBindingsProperties() {
        assertEquals(names(APIGatewayV2HTTPEvent.class), Set.copyOf(HttpApiEvents.EVENT_PROPERTIES));
        assertEquals(names(APIGatewayV2HTTPEvent.RequestContext.class), Set.copyOf(HttpApiEvents.CONTEXT_PROPERTIES));
        assertEquals(names(APIGatewayV2HTTPEvent.RequestContext.Http.class), Set.copyOf(HttpApiEvents.HTTP_PROPERTIES));
    }

    /** API Gateway's own events (the project's event files): read here, not left to the binding, and read alike. */
    @ParameterizedTest
    @MethodSource("eventFiles")
    void realEventsAreReadAsTheBindingReadsThem(String file) {
        byte[] bytes = RepoFiles.event(file).getBytes(StandardCharsets.UTF_8);
        assertTrue(HttpApiEventsCheck.readHere(bytes), file);
        assertNull(HttpApiEventsCheck.mismatch(bytes), file);
    }

    static Stream<String> eventFiles() {
        return EVENT_FILES.stream();
    }

    /**
     * Every property of the event, its request context and their http part, given each kind of value, given twice,
     * or beside an unknown key: read alike, or (where the binding converts or refuses) left to the binding.
     */
    @Test
    void everyValueOfEveryPropertyIsReadAlikeOrLeftToTheBinding() throws IOException {
        ObjectNode event = (ObjectNode) JsonEventHandler.EVENTS.readTree(RepoFiles.event("dry-run.json"));
        Map<String, Integer> readPerProperty = new LinkedHashMap<>();
        List<String> others = List.of(event.toString().replaceFirst("\\{", "{\"unknown\":{\"body\":[1]},"),
                event.toString() + " trailing", event.toString().substring(0, 100), "null", "[]", "");
        for (String[] path : paths()) {
            List<String> variants = new ArrayList<>();
            for (String value : VALUES) {
                variants.add(replaced(event, path, value));
            }
            variants.add(doubled(event, path));
            readPerProperty.put(String.join(".", path), readAlike(variants));
        }
        readAlike(others);
        assertTrue(readPerProperty.values().stream().allMatch(n -> n > 0), "each property is read here for some value: " + readPerProperty);
        String authorized = replaced(event, new String[] {"requestContext", "authorizer"}, "{\"jwt\":{\"scopes\":[\"a\"]}}");
        assertFalse(HttpApiEventsCheck.readHere(authorized.getBytes(StandardCharsets.UTF_8)), "an authorizer is the binding's to read");
    }

    @Test
    void responsesAreWrittenAsTheBindingWritesThem() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Warning", "299 - \"unknown field \\\"x\\\"\",299 - \"é\"");
        for (Map<String, String> h : List.of(headers, Map.<String, String>of())) {
            for (String body : List.of("{\"kind\":\"Status\"}", "", "AAEC/w==", "\u00e9\u20ac\ud83d\ude00\n\"\\")) {
                for (boolean base64 : List.of(true, false)) {
                    ByteArrayOutputStream fast = new ByteArrayOutputStream();
                    HttpApiEvents.write(JsonEventHandler.EVENTS.getFactory(), fast, 201, h, body, base64);
                    byte[] bound = JsonEventHandler.EVENTS.writerFor(APIGatewayV2HTTPResponse.class).writeValueAsBytes(
                            APIGatewayV2HTTPResponse.builder().withStatusCode(201).withHeaders(h).withBody(body)
                                    .withIsBase64Encoded(base64).build());
                    assertArrayEquals(bound, fast.toByteArray(), new String(bound, StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** How many of the events are read here; each that is, is read as the binding reads it. */
    private static int readAlike(List<String> events) {
        int read = 0;
        for (String json : events) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertNull(HttpApiEventsCheck.mismatch(bytes), json);
            if (HttpApiEventsCheck.readHere(bytes)) {
                read++;
            }
        }
        return read;
    }

    private static Set<String> names(Class<?> type) {
        JavaType t = JsonEventHandler.EVENTS.constructType(type);
        return JsonEventHandler.EVENTS.getDeserializationConfig().introspect(t).findProperties().stream()
                .filter(BeanPropertyDefinition::hasSetter).map(BeanPropertyDefinition::getName).collect(Collectors.toSet());
    }

    private static List<String[]> paths() {
        List<String[]> paths = new ArrayList<>();
        HttpApiEvents.EVENT_PROPERTIES.forEach(p -> paths.add(new String[] {p}));
        HttpApiEvents.CONTEXT_PROPERTIES.forEach(p -> paths.add(new String[] {"requestContext", p}));
        HttpApiEvents.HTTP_PROPERTIES.forEach(p -> paths.add(new String[] {"requestContext", "http", p}));
        return paths;
    }

    /** The event with the property at {@code path} set to the JSON {@code value} (duplicate keys kept as written). */
    private static String replaced(ObjectNode event, String[] path, String value) {
        ObjectNode copy = event.deepCopy();
        ObjectNode parent = copy;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.withObject("/" + path[i]);
        }
        String marker = "\u0000marker\u0000";
        parent.put(path[path.length - 1], marker);
        return copy.toString().replace("\"\\u0000marker\\u0000\"", value);
    }

    /** The event with the property at {@code path} given twice, the second time as its own value again. */
    private static String doubled(ObjectNode event, String[] path) {
        ObjectNode copy = event.deepCopy();
        ObjectNode parent = copy;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.withObject("/" + path[i]);
        }
        String key = path[path.length - 1];
        JsonNode value = parent.has(key) ? parent.get(key) : JsonEventHandler.EVENTS.getNodeFactory().textNode("x");
        parent.put(key, "\u0000marker\u0000");
        String field = JsonEventHandler.EVENTS.getNodeFactory().textNode(key).toString();
        return copy.toString().replace("\"\\u0000marker\\u0000\"", value + "," + field + ":" + value);
    }
}
