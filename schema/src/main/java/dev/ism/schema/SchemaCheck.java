package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
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
    }

    /** The schema's findings on {@code body}, in document order. */
    List<Finding> check(JsonNode body) {
        Set<ValidationMessage> messages = schema.validate(body);
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

    /**
     * Removes, in place, the fields the schema does not know, as the API server's decoder drops
     * unknown fields; free-form objects (RawExtension, FieldsV1, maps) are kept whole.
     */
    void prune(JsonNode node) {
        prune(node, resolve(raw));
    }

    private void prune(JsonNode node, JsonNode schemaNode) {
        if (node.isArray()) {
            JsonNode items = resolve(schemaNode.path("items"));
            node.forEach(item -> prune(item, items));
        } else if (node.isObject()) {
            JsonNode properties = schemaNode.path("properties");
            if (properties.isObject()) {
                ((ObjectNode) node).retain(iterable(properties.fieldNames()));
                node.fields().forEachRemaining(e -> prune(e.getValue(), resolve(properties.get(e.getKey()))));
            } else if (schemaNode.has("additionalProperties")) {
                JsonNode values = resolve(schemaNode.get("additionalProperties"));
                node.forEach(v -> prune(v, values));
            }
        }
    }

    private JsonNode resolve(JsonNode schemaNode) {
        String ref = schemaNode.path("$ref").asText("");
        return ref.isEmpty() ? schemaNode : definitions.path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static String structName(String ref) {
        return ref.substring(ref.lastIndexOf('.') + 1);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
