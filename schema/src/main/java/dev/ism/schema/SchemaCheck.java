package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The committed JSON Schema, compiled once with networknt (Draft 4, the Kubernetes formats, the
 * {@code x-kubernetes-*} extensions known and ignored), and its findings turned into Kubernetes terms:
 * a decode error (wrong type, bad format, unknown enum value: the API server's decoder answers 400)
 * or a missing required field (a 422 cause).
 */
final class SchemaCheck {

    static final String RESOURCE = "/dev/ism/schema/imagestreammapping.schema.json";
    private static final String DRAFT4 = "http://json-schema.org/draft-04/schema#";
    private static final List<String> EXTENSIONS = List.of("x-kubernetes-patch-strategy", "x-kubernetes-patch-merge-key",
            "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "$comment");

    /**
     * A finding of the schema at {@code location}: {@code keyword} {@code required} (then {@code property}
     * names the missing field) is a 422 cause; any other keyword ({@code type}, {@code format},
     * {@code enum}) is a decode error, a 400.
     */
    record Finding(JsonNodePath location, String keyword, String property) {
        boolean isRequired() {
            return "required".equals(keyword);
        }
    }

    /** Where a field sits in the schema: its own schema and the Go struct that holds it. */
    record FieldSchema(JsonNode schema, String goStruct) {
    }

    private final JsonSchema schema;
    private final JsonNode raw;
    private final JsonNode definitions;
    private final Shape root;

    SchemaCheck() {
        JsonMetaSchema.Builder meta = JsonMetaSchema.builder(DRAFT4, JsonMetaSchema.getV4());
        EXTENSIONS.forEach(k -> meta.keyword(new NonValidationKeyword(k)));
        KubeFormats.ALL.forEach(meta::format);
        JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
                .metaSchema(meta.build())
                .build();
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .typeLoose(false)
                .build();
        try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + RESOURCE);
            }
            raw = new ObjectMapper().readTree(in);
            schema = factory.getSchema(raw, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        schema.initializeValidators();
        definitions = raw.get("definitions");
        root = shape(raw, new HashMap<>());
    }

    /** The schema's findings on {@code body}, in document order. */
    List<Finding> check(JsonNode body) {
        Set<ValidationMessage> messages = schema.validate(body);
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            findings.add(new Finding(m.getInstanceLocation(), m.getType(), m.getProperty()));
        }
        findings.sort(Comparator.comparing(Finding::location));
        return findings;
    }

    /** The schema of the field at {@code path} of a body, and the Go struct holding it. */
    FieldSchema field(JsonNodePath path) {
        JsonNode current = resolve(raw);
        String struct = structName(raw.path("$ref").asText());
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            JsonNode next;
            if (element instanceof Integer) {
                next = current.path("items");
            } else if (current.has("properties")) {
                next = current.path("properties").path((String) element);
            } else {
                next = current.path("additionalProperties");
            }
            if (next.has("$ref") && i < path.getNameCount() - 1) {
                struct = structName(next.get("$ref").asText());
            }
            current = resolve(next);
        }
        return new FieldSchema(current, struct);
    }

    /** The schema reduced to what decoding needs, for the {@link Decoder}. */
    Shape shape() {
        return root;
    }

    /** The schema reduced to what decoding needs: which properties an object has, and their shapes. */
    static final class Shape {
        /** A free-form object (RawExtension, FieldsV1): kept whole, never checked. */
        static final Shape FREE = new Shape();
        Map<String, Shape> properties;
        Shape items;
        Shape values;
    }

    private Shape shape(JsonNode schemaNode, Map<String, Shape> byDefinition) {
        String ref = schemaNode.path("$ref").asText("");
        if (!ref.isEmpty() && byDefinition.containsKey(ref)) {
            return byDefinition.get(ref);
        }
        JsonNode s = resolve(schemaNode);
        Shape shape = new Shape();
        if (!ref.isEmpty()) {
            byDefinition.put(ref, shape);
        }
        if (s.path("properties").isObject()) {
            shape.properties = new HashMap<>();
            s.get("properties").fields().forEachRemaining(e -> shape.properties.put(e.getKey(), shape(e.getValue(), byDefinition)));
        } else if (s.has("additionalProperties")) {
            shape.values = shape(s.get("additionalProperties"), byDefinition);
        } else if (s.has("items")) {
            shape.items = shape(s.get("items"), byDefinition);
        } else if ("object".equals(s.path("type").asText())) {
            return Shape.FREE;
        }
        return shape;
    }

    private JsonNode resolve(JsonNode schemaNode) {
        String ref = schemaNode.path("$ref").asText("");
        return ref.isEmpty() ? schemaNode : definitions.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static String structName(String ref) {
        return ref.substring(ref.lastIndexOf('.') + 1);
    }

}
