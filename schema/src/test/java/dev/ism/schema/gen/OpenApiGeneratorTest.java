package dev.ism.schema.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void committedDocumentsAreTheGeneratorsOutput() throws Exception {
        ObjectNode definitions = OpenApiGenerator.definitionsFromSources();
        check(OpenApiGenerator.V2, OpenApiGenerator.v2(definitions));
        check(OpenApiGenerator.V3, OpenApiGenerator.v3(definitions));
    }

    /** The mapping's definitions are the JSON Schema's: same required lists, same enum. */
    @Test
    void mappingDefinitionsAreTheSchemas() throws Exception {
        JsonNode schema = JSON.readTree(Files.readString(SchemaGenerator.TARGET)).get("definitions");
        JsonNode v2 = JSON.readTree(Files.readString(OpenApiGenerator.V2)).get("definitions");
        schema.fieldNames().forEachRemaining(name -> {
            ObjectNode def = (ObjectNode) v2.get(name).deepCopy();
            def.remove("x-kubernetes-group-version-kind");
            assertEquals(schema.get(name), def, name);
        });
    }

    /** Every v3 reference resolves; every operation names its kind and takes the create options. */
    @Test
    void v3ReferencesResolveAndOperationsCarryTheirOptions() throws Exception {
        JsonNode v3 = JSON.readTree(Files.readString(OpenApiGenerator.V3));
        List<String> refs = new ArrayList<>();
        collectRefs(v3, refs);
        assertTrue(refs.size() > 20, refs.toString());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/components/schemas/"), ref);
            assertTrue(v3.at("/components/schemas").has(ref.substring("#/components/schemas/".length())), ref);
        }
        JsonNode post = v3.at("/paths/~1apis~1image.openshift.io~1v1~1namespaces~1{namespace}~1imagestreammappings/post");
        assertEquals("ImageStreamMapping", post.at("/x-kubernetes-group-version-kind/kind").asText());
        List<String> names = new ArrayList<>();
        post.get("parameters").forEach(p -> names.add(p.get("name").asText()));
        assertEquals(List.of("dryRun", "fieldManager", "fieldValidation"), names);
        assertEquals("ImageStreamMapping", v3.at("/components/schemas/com.github.openshift.api.image.v1.ImageStreamMapping"
                + "/x-kubernetes-group-version-kind/0/kind").asText());
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    private static void check(Path target, String expected) throws Exception {
        if (Boolean.getBoolean("schema.regenerate")) {
            Files.createDirectories(target.getParent());
            Files.writeString(target, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.exists(target) ? Files.readString(target, StandardCharsets.UTF_8) : "",
                target + " is stale: mvn -pl schema test -Dtest=OpenApiGeneratorTest -Dschema.regenerate=true");
    }
}
