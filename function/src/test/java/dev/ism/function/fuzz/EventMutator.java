package dev.ism.function.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Mutates API Gateway HTTP API (payload 2.0) events as a client could make API Gateway send them: the body
 * (bytes and JSON structure), headers, the path, the query string, the method, base64 encoding. Every
 * mutant is still an event API Gateway could deliver (valid event JSON); what it carries is anything.
 * Deterministic for a given {@link Random}.
 */
final class EventMutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "get", "P0ST", ""};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", "text/plain",
            "application/yaml", "application/json; charset", "*/*", "", ";;;", "application/vnd.kubernetes.protobuf", "multipart/form-data; boundary=x"};
    private static final String[] TOKENS = {"Bearer dev-registry-token", "Bearer dev-viewer-token", "Bearer dev-nobody-token",
            "bearer dev-registry-token", "Bearer", "Basic ZGV2OmRldg==", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOjQyfQ.",
            "Bearer a.b.c", "Bearer dev-registry-token dev-registry-token", "Bearer \u00e9\u00e8", ""};
    private static final String[] PATH_BITS = {"%", "%2F", "%2f", "..", ".", "/", "//", "\\", "{", "}", "|", "^", "%00", "%zz",
            "\u00e9", "\ud83d\ude00", ";", "?", "#", "%252F", " ", "imagestreams", "imagestreammappings", "images", "namespaces",
            "sha256:" + "a".repeat(64), "status", "~", "*"};
    private static final String[] QUERY_BITS = {"dryRun=All", "dryRun=all", "dryRun=", "dryRun=All&dryRun=x", "pretty=true",
            "pretty=%FF", "fieldManager=" + "m".repeat(200), "fieldManager=%07", "fieldValidation=Strict", "fieldValidation=x",
            "%zz", "&&&", "=", "a=%", "watch=true", "timeout=1s", "limit=-1"};
    private static final String[] BODIES = {"", "{}", "[]", "null", "0", "\"\"", "{\"kind\":\"ImageStreamMapping\"}",
            "\ufeff{}", "{\"metadata\":{\"name\":\"ruby\"},\"tag\":\"latest\",\"image\":{}}", "{\"a\":" .repeat(200) + "1" + "}".repeat(200),
            "[".repeat(5000), "{\"tag\":1e999999}", "{\"tag\":\"\\ud800\"}"};

    private final Random random;

    EventMutator(Random random) {
        this.random = random;
    }

    /** One to four mutations of a copy of {@code seed}. */
    ObjectNode mutate(ObjectNode seed) {
        ObjectNode event = seed.deepCopy();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(7)) {
                case 0 -> mutateBodyBytes(event);
                case 1 -> mutateBodyJson(event);
                case 2 -> mutateHeaders(event);
                case 3 -> mutatePath(event);
                case 4 -> mutateQuery(event);
                case 5 -> mutateMethod(event);
                default -> mutateEncoding(event);
            }
        }
        return event;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] body(ObjectNode event) {
        String body = event.path("body").isTextual() ? event.get("body").asText() : "";
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                return body.getBytes(StandardCharsets.UTF_8);
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static void setBody(ObjectNode event, byte[] body) {
        if (event.path("isBase64Encoded").asBoolean(false)) {
            event.put("body", Base64.getEncoder().encodeToString(body));
        } else {
            event.put("body", new String(body, StandardCharsets.UTF_8));
        }
    }

    private void mutateBodyBytes(ObjectNode event) {
        byte[] body = body(event);
        if (body.length == 0 || random.nextInt(5) == 0) {
            setBody(event, pick(BODIES).getBytes(StandardCharsets.UTF_8));
            return;
        }
        int at = random.nextInt(body.length);
        switch (random.nextInt(4)) {
            case 0 -> body[at] = (byte) random.nextInt(256);
            case 1 -> body = splice(body, at, Math.min(body.length, at + 1 + random.nextInt(32)), new byte[0]);
            case 2 -> {
                byte[] insert = new byte[1 + random.nextInt(8)];
                random.nextBytes(insert);
                body = splice(body, at, at, insert);
            }
            default -> body = splice(body, at, at, java.util.Arrays.copyOfRange(body, at, Math.min(body.length, at + 64)));
        }
        setBody(event, body);
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        byte[] out = new byte[in.length - (to - from) + insert.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(in, to, out, from + insert.length, in.length - to);
        return out;
    }

    /** Replaces a random node of the JSON body by a value of another type or size. */
    private void mutateBodyJson(ObjectNode event) {
        JsonNode root;
        try {
            root = JSON.readTree(body(event));
        } catch (Exception e) {
            mutateBodyBytes(event);
            return;
        }
        if (root == null || !root.isContainerNode()) {
            setBody(event, "{}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || random.nextInt(4) == 0 ? pick(new String[]{"kind", "apiVersion", "metadata",
                    "name", "namespace", "tag", "image", "dockerImageReference", "generation", "x"}) : names.get(random.nextInt(names.size()));
            if (random.nextInt(6) == 0) {
                o.remove(name);
            } else {
                o.set(name, value());
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextBoolean()) {
                a.add(value());
            } else {
                a.set(random.nextInt(a.size()), value());
            }
        }
        try {
            setBody(event, JSON.writeValueAsBytes(root));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private JsonNode value() {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(random.nextDouble() * 1e300);
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.textNode("");
            case 5 -> NODES.textNode("x".repeat(1 + random.nextInt(5000)));
            case 6 -> NODES.textNode(pick(PATH_BITS));
            case 7 -> NODES.arrayNode();
            case 8 -> NODES.objectNode();
            case 9 -> NODES.textNode("sha256:" + "0123456789abcdef".repeat(4));
            case 10 -> NODES.textNode("quay.io/x/y@sha256:" + "0123456789abcdef".repeat(4));
            default -> NODES.textNode("\u0000\u007f\ud800");
        };
    }

    private void mutateHeaders(ObjectNode event) {
        ObjectNode headers = event.with("headers");
        switch (random.nextInt(7)) {
            case 0 -> headers.put("content-type", pick(CONTENT_TYPES));
            case 1 -> headers.put("authorization", pick(TOKENS));
            case 2 -> headers.remove(random.nextBoolean() ? "authorization" : "content-type");
            case 3 -> headers.put("content-length", Integer.toString(random.nextInt(10_000_000) - 10));
            case 4 -> headers.put("authorization", "Bearer " + "t".repeat(1 + random.nextInt(20_000)));
            case 5 -> headers.put("accept", pick(new String[]{"text/plain", "application/json", "*/*", "application/yaml", ""}));
            default -> headers.put("x-" + random.nextInt(100), pick(PATH_BITS));
        }
    }

    private void mutatePath(ObjectNode event) {
        String path = event.path("rawPath").asText("/");
        String[] segments = path.split("/", -1);
        int i = segments.length == 0 ? 0 : random.nextInt(segments.length);
        switch (random.nextInt(4)) {
            case 0 -> segments[i] = segments[i] + pick(PATH_BITS);
            case 1 -> segments[i] = pick(PATH_BITS);
            case 2 -> segments[i] = segments[i].repeat(1 + random.nextInt(300));
            default -> segments[i] = "";
        }
        String mutated = random.nextInt(20) == 0 ? "" : String.join("/", segments);
        event.put("rawPath", mutated);
        event.with("requestContext").with("http").put("path", mutated);
        event.remove("pathParameters");
    }

    private void mutateQuery(ObjectNode event) {
        String query = event.path("rawQueryString").asText("");
        String bit = pick(QUERY_BITS);
        event.put("rawQueryString", query.isEmpty() || random.nextBoolean() ? bit : query + "&" + bit);
    }

    private void mutateMethod(ObjectNode event) {
        event.with("requestContext").with("http").put("method", pick(METHODS));
    }

    private void mutateEncoding(ObjectNode event) {
        byte[] body = body(event);
        event.put("isBase64Encoded", !event.path("isBase64Encoded").asBoolean(false));
        if (random.nextInt(4) == 0) {
            event.put("body", "!!not base64!!");
        } else {
            setBody(event, body);
        }
    }
}
