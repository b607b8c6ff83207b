package dev.ism.function.discovery;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The OpenAPI v2 document in the protobuf form kube-apiserver serves as
 * {@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf} (gnostic's {@code openapi.v2.Document}),
 * which is the only form client-go's discovery asks for: kubectl reads it to validate a body when the
 * v3 document gives it no PATCH operation to learn about {@code fieldValidation} from (an
 * ImageStreamMapping has none). Encoded from the JSON document, once; values of vendor extensions,
 * defaults and enums are carried as YAML text (JSON is YAML), as gnostic does.
 */
final class OpenApiV2Protobuf {

    private OpenApiV2Protobuf() {
    }

    static byte[] encode(JsonNode doc) {
        Message m = new Message();
        m.string(1, doc.path("swagger").asText());
        Message info = new Message();
        info.string(1, doc.path("info").path("title").asText());
        info.string(2, doc.path("info").path("version").asText());
        info.string(3, doc.path("info").path("description").asText());
        m.message(2, info);
        Message paths = new Message();
        doc.path("paths").properties().forEach(e -> paths.message(2, named(e.getKey(), pathItem(e.getValue()))));
        m.message(8, paths);
        Message definitions = new Message();
        doc.path("definitions").properties().forEach(e -> definitions.message(1, named(e.getKey(), schema(e.getValue()))));
        m.message(9, definitions);
        return m.bytes();
    }

    private static final Map<String, Integer> METHODS = Map.of("get", 2, "put", 3, "post", 4, "delete", 5,
            "options", 6, "head", 7, "patch", 8);

    private static Message pathItem(JsonNode item) {
        Message m = new Message();
        item.properties().forEach(e -> {
            Integer field = METHODS.get(e.getKey());
            if (field != null) {
                m.message(field, operation(e.getValue()));
            }
        });
        item.path("parameters").forEach(p -> m.message(9, parametersItem(p)));
        return m;
    }

    private static Message operation(JsonNode op) {
        Message m = new Message();
        op.path("tags").forEach(t -> m.string(1, t.asText()));
        m.string(3, op.path("description").asText());
        m.string(5, op.path("operationId").asText());
        op.path("produces").forEach(t -> m.string(6, t.asText()));
        op.path("consumes").forEach(t -> m.string(7, t.asText()));
        op.path("parameters").forEach(p -> m.message(8, parametersItem(p)));
        Message responses = new Message();
        op.path("responses").properties().forEach(e -> {
            Message response = new Message();
            response.string(1, e.getValue().path("description").asText());
            if (e.getValue().has("schema")) {
                response.message(2, new Message().message(1, schema(e.getValue().get("schema"))));
            }
            responses.message(1, named(e.getKey(), new Message().message(1, response)));
        });
        m.message(9, responses);
        op.path("schemes").forEach(t -> m.string(10, t.asText()));
        vendorExtensions(m, 13, op);
        return m;
    }

    /** ParametersItem{Parameter{BodyParameter | NonBodyParameter{query | path sub-schema}}}. */
    private static Message parametersItem(JsonNode p) {
        Message parameter = new Message();
        String in = p.path("in").asText();
        if (in.equals("body")) {
            Message body = new Message();
            body.string(1, p.path("description").asText());
            body.string(2, p.path("name").asText());
            body.string(3, in);
            body.bool(4, p.path("required").asBoolean());
            body.message(5, schema(p.path("schema")));
            parameter.message(1, body);
        } else {
            Message sub = new Message();
            sub.bool(1, p.path("required").asBoolean());
            sub.string(2, in);
            sub.string(3, p.path("description").asText());
            sub.string(4, p.path("name").asText());
            boolean query = in.equals("query");
            sub.string(query ? 6 : 5, p.path("type").asText());
            sub.bool(query ? 20 : 19, p.path("uniqueItems").asBoolean());
            parameter.message(2, new Message().message(query ? 3 : 4, sub));
        }
        return new Message().message(1, parameter);
    }

    private static Message schema(JsonNode s) {
        Message m = new Message();
        m.string(1, s.path("$ref").asText());
        m.string(2, s.path("format").asText());
        m.string(3, s.path("title").asText());
        m.string(4, s.path("description").asText());
        if (s.has("default")) {
            m.message(5, any(s.get("default")));
        }
        m.bool(16, s.path("uniqueItems").asBoolean());
        s.path("required").forEach(r -> m.string(19, r.asText()));
        s.path("enum").forEach(v -> m.message(20, any(v)));
        JsonNode additional = s.get("additionalProperties");
        if (additional != null) {
            m.message(21, additional.isBoolean() ? new Message().bool(2, additional.asBoolean())
                    : new Message().message(1, schema(additional)));
        }
        if (s.has("type")) {
            Message type = new Message();
            if (s.get("type").isArray()) {
                s.get("type").forEach(t -> type.string(1, t.asText()));
            } else {
                type.string(1, s.get("type").asText());
            }
            m.message(22, type);
        }
        if (s.has("items")) {
            Message items = new Message();
            if (s.get("items").isArray()) {
                s.get("items").forEach(i -> items.message(1, schema(i)));
            } else {
                items.message(1, schema(s.get("items")));
            }
            m.message(23, items);
        }
        s.path("allOf").forEach(a -> m.message(24, schema(a)));
        if (s.has("properties")) {
            Message properties = new Message();
            s.get("properties").properties().forEach(e -> properties.message(1, named(e.getKey(), schema(e.getValue()))));
            m.message(25, properties);
        }
        vendorExtensions(m, 31, s);
        return m;
    }

    private static void vendorExtensions(Message m, int field, JsonNode node) {
        node.properties().forEach(e -> {
            if (e.getKey().startsWith("x-")) {
                m.message(field, named(e.getKey(), any(e.getValue())));
            }
        });
    }

    /** gnostic's Any: the value as YAML text (field 2). */
    private static Message any(JsonNode value) {
        return new Message().string(2, value.toString() + "\n");
    }

    private static Message named(String name, Message value) {
        return new Message().string(1, name).message(2, value);
    }

    /** A protobuf message being written: fields in the order given, defaults (empty, false) left out. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message string(int field, String value) {
            if (value != null && !value.isEmpty()) {
                bytes(field, value.getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        Message bool(int field, boolean value) {
            if (value) {
                varint((long) field << 3);
                varint(1);
            }
            return this;
        }

        Message message(int field, Message value) {
            bytes(field, value.bytes());
            return this;
        }

        private void bytes(int field, byte[] value) {
            varint(((long) field << 3) | 2);
            varint(value.length);
            out.writeBytes(value);
        }

        private void varint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
