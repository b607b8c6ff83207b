package dev.ism.schema.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Derives the committed OpenAPI documents this API serves (v2 at {@code /openapi/v2}, v3 at
 * {@code /openapi/v3/apis/image.openshift.io/v1}) from the same published definitions and required
 * lists as the JSON Schema ({@link SchemaGenerator#applyDocRules}), plus the ImageStream definitions
 * of the same openshift/api commit ({@code src/schema-sources/openapi-image-v1-streams.json}).
 *
 * <p>What it adds, as kube-apiserver publishes it: {@code x-kubernetes-group-version-kind} on each kind,
 * and one operation per route this API serves, each with its query parameters ({@code dryRun},
 * {@code fieldManager}, {@code fieldValidation}, {@code pretty} on creates; {@code pretty} on reads),
 * {@code x-kubernetes-action} and the kind it acts on. v3 turns a {@code $ref} with siblings into
 * {@code allOf}, as kube's v3 does. Only operations this API really serves are listed (no PATCH).
 *
 * <p>Regenerate with {@code mvn -pl schema test -Dtest=OpenApiGeneratorTest -Dschema.regenerate=true};
 * without that switch {@code OpenApiGeneratorTest} fails while the committed files differ from this output.
 */
public final class OpenApiGenerator {

    static final Path STREAMS_SOURCE = Path.of("src/schema-sources/openapi-image-v1-streams.json");
    static final Path TARGET_DIR = Path.of("src/main/resources/dev/ism/schema/openapi");
    static final Path V2 = TARGET_DIR.resolve("v2.json");
    static final Path V3 = TARGET_DIR.resolve("v3-apis-image.openshift.io-v1.json");

    private static final String GROUP = "image.openshift.io";
    private static final String VERSION = "v1";
    private static final String PREFIX = "/apis/" + GROUP + "/" + VERSION;
    private static final String IMAGE_V1 = "com.github.openshift.api.image.v1.";
    private static final String STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    private static final Map<String, String> KINDS = Map.of(
            IMAGE_V1 + "Image", "Image",
            IMAGE_V1 + "ImageStream", "ImageStream",
            IMAGE_V1 + "ImageStreamList", "ImageStreamList",
            IMAGE_V1 + "ImageStreamMapping", "ImageStreamMapping");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One operation of one path. */
    private record Operation(String path, String method, String id, String action, String kind, String body,
                             String responseCode, String response, boolean create) {
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation(PREFIX + "/images/{name}", "get", "readImageOpenshiftIoV1Image", "get", "Image",
                    null, "200", IMAGE_V1 + "Image", false),
            new Operation(PREFIX + "/namespaces/{namespace}/imagestreammappings", "post",
                    "createImageOpenshiftIoV1NamespacedImageStreamMapping", "post", "ImageStreamMapping",
                    IMAGE_V1 + "ImageStreamMapping", "201", STATUS, true),
            new Operation(PREFIX + "/namespaces/{namespace}/imagestreams", "get",
                    "listImageOpenshiftIoV1NamespacedImageStream", "list", "ImageStream",
                    null, "200", IMAGE_V1 + "ImageStreamList", false),
            new Operation(PREFIX + "/namespaces/{namespace}/imagestreams", "post",
                    "createImageOpenshiftIoV1NamespacedImageStream", "post", "ImageStream",
                    IMAGE_V1 + "ImageStream", "201", IMAGE_V1 + "ImageStream", true),
            new Operation(PREFIX + "/namespaces/{namespace}/imagestreams/{name}", "get",
                    "readImageOpenshiftIoV1NamespacedImageStream", "get", "ImageStream",
                    null, "200", IMAGE_V1 + "ImageStream", false));

    private OpenApiGenerator() {
    }

    /** The definitions both documents share: the schema's sources with the doc's rules, and the kinds marked. */
    static ObjectNode definitions(String mappingDefinitions, String streamDefinitions) throws IOException {
        ObjectNode definitions = (ObjectNode) MAPPER.readTree(mappingDefinitions);
        SchemaGenerator.applyDocRules(definitions);
        definitions.setAll((ObjectNode) MAPPER.readTree(streamDefinitions));
        KINDS.forEach((name, kind) -> ((ObjectNode) definitions.get(name))
                .set("x-kubernetes-group-version-kind", gvkList(GROUP, kind)));
        ((ObjectNode) definitions.get(STATUS)).set("x-kubernetes-group-version-kind", gvkList("", "Status"));
        return sorted(definitions);
    }

    static String v2(ObjectNode definitions) throws IOException {
        ObjectNode doc = document("swagger", "2.0");
        for (Operation op : OPERATIONS) {
            ObjectNode o = operation(doc, op, false);
            o.putArray("consumes").add("application/json");
            o.putArray("produces").add("application/json");
            o.putArray("schemes").add("https");
            ArrayNode params = o.putArray("parameters");
            if (op.body() != null) {
                ObjectNode body = params.addObject().put("name", "body").put("in", "body").put("required", true);
                body.putObject("schema").put("$ref", "#/definitions/" + op.body());
            }
            if (op.create()) {
                createParameters().forEach(p -> params.add(v2Parameter(p)));
            }
            if (params.isEmpty()) {
                o.remove("parameters");
            }
            responses(o, op).putObject("schema").put("$ref", "#/definitions/" + op.response());
            extensions(o, op);
        }
        doc.set("definitions", definitions.deepCopy());
        return SchemaGenerator.print(doc);
    }

    static String v3(ObjectNode definitions) throws IOException {
        ObjectNode doc = document("openapi", "3.0.0");
        for (Operation op : OPERATIONS) {
            ObjectNode o = operation(doc, op, true);
            if (op.create()) {
                ArrayNode params = o.putArray("parameters");
                createParameters().forEach(p -> params.add(v3Parameter(p)));
                ObjectNode body = o.putObject("requestBody");
                body.putObject("content").putObject("application/json").putObject("schema")
                        .put("$ref", "#/components/schemas/" + op.body());
                body.put("required", true);
            }
            responses(o, op).putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/" + op.response());
            extensions(o, op);
        }
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        definitions.properties().forEach(e -> schemas.set(e.getKey(), toV3(e.getValue())));
        return SchemaGenerator.print(doc);
    }

    /** A document with its version field, info and (empty) paths. */
    private static ObjectNode document(String versionField, String version) {
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put(versionField, version);
        doc.set("info", info());
        doc.putObject("paths");
        return doc;
    }

    /** The operation's object under its path item in {@code doc} (made with the path's parameters on first use). */
    private static ObjectNode operation(ObjectNode doc, Operation op, boolean v3) {
        ObjectNode paths = (ObjectNode) doc.get("paths");
        ObjectNode path = paths.has(op.path()) ? (ObjectNode) paths.get(op.path()) : pathItem(paths, op, v3);
        ObjectNode o = path.putObject(op.method());
        describe(o, op);
        return o;
    }

    /** The responses: 401, and the success one, returned for its schema. */
    private static ObjectNode responses(ObjectNode o, Operation op) {
        ObjectNode responses = o.putObject("responses");
        ObjectNode ok = responses.putObject(op.responseCode()).put("description", description(op.responseCode()));
        responses.putObject("401").put("description", "Unauthorized");
        return ok;
    }

    // ------------------------------------------------------------------------------------------ parts

    private static ObjectNode info() {
        ObjectNode info = MAPPER.createObjectNode();
        info.put("title", "ImageStreamMapping API (image.openshift.io/v1)");
        info.put("version", VERSION);
        info.put("description", "Generated by dev.ism.schema.gen.OpenApiGenerator from openshift/api openapi/openapi.json"
                + " (2a3d73913b5a7caec4c57d5c3d04f51106ec4da3) with the required lists of the published doc. Do not edit.");
        return info;
    }

    /** A path item with its path parameters and {@code pretty}, which every operation takes. */
    private static ObjectNode pathItem(ObjectNode paths, Operation op, boolean v3) {
        ObjectNode item = paths.putObject(op.path());
        ArrayNode params = item.putArray("parameters");
        for (String name : List.of("name", "namespace")) {
            if (op.path().contains("{" + name + "}")) {
                String what = name.equals("name") ? "name of the " + op.kind() : "object name and auth scope, such as for teams and projects";
                ObjectNode p = params.addObject().put("name", name).put("in", "path").put("description", what)
                        .put("required", true);
                if (v3) {
                    p.putObject("schema").put("type", "string").put("uniqueItems", true);
                } else {
                    p.put("type", "string").put("uniqueItems", true);
                }
            }
        }
        String[] pretty = PRETTY;
        params.add(v3 ? v3Parameter(pretty) : v2Parameter(pretty));
        return item;
    }

    private static final String[] PRETTY = {"pretty",
            "If 'true', the output is pretty printed. Without it, output is pretty for curl, Wget and browsers."};

    /** The query parameters of a create, each {name, description}, as this API reads them. */
    private static List<String[]> createParameters() {
        List<String[]> p = new ArrayList<>();
        p.add(new String[]{"dryRun", "When present, nothing is persisted; the request is checked in full. "
                + "The only valid value is All (every dry-run stage is processed); others are refused."});
        p.add(new String[]{"fieldManager", "A name for the actor making the change: at most 128 printable characters."});
        p.add(new String[]{"fieldValidation", "How to treat unknown or duplicate fields in the body: Ignore (drop them), "
                + "Warn (drop them, with a Warning header for each; the default) or Strict (refuse the request with 400)."});
        return p;
    }

    private static ObjectNode v2Parameter(String[] p) {
        return MAPPER.createObjectNode().put("uniqueItems", true).put("type", "string").put("description", p[1])
                .put("name", p[0]).put("in", "query");
    }

    private static ObjectNode v3Parameter(String[] p) {
        ObjectNode o = MAPPER.createObjectNode().put("name", p[0]).put("in", "query").put("description", p[1]);
        o.putObject("schema").put("type", "string").put("uniqueItems", true);
        return o;
    }

    private static void describe(ObjectNode o, Operation op) {
        o.putArray("tags").add("imageOpenshiftIo_v1");
        o.put("description", switch (op.action()) {
            case "post" -> "create " + (op.kind().equals("ImageStreamMapping") ? "an ImageStreamMapping" : "an " + op.kind());
            case "list" -> "list or watch objects of kind " + op.kind();
            default -> "read the specified " + op.kind();
        });
        o.put("operationId", op.id());
    }

    private static void extensions(ObjectNode o, Operation op) {
        o.put("x-kubernetes-action", op.action());
        o.set("x-kubernetes-group-version-kind", gvk(GROUP, op.kind()));
    }

    private static String description(String code) {
        return code.equals("201") ? "Created" : "OK";
    }

    private static ObjectNode gvk(String group, String kind) {
        return MAPPER.createObjectNode().put("group", group).put("kind", kind).put("version", VERSION);
    }

    private static ArrayNode gvkList(String group, String kind) {
        ArrayNode list = MAPPER.createArrayNode();
        list.add(gvk(group, kind));
        return list;
    }

    /** A definition in v3 form: refs under {@code #/components/schemas/}, a ref with siblings inside allOf. */
    private static JsonNode toV3(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(n -> out.add(toV3(n)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = MAPPER.createObjectNode();
        node.properties().forEach(e -> out.set(e.getKey(), e.getKey().equals("$ref")
                ? new TextNode(e.getValue().asText().replace("#/definitions/", "#/components/schemas/"))
                : e.getKey().equals("properties") ? propertiesToV3(e.getValue()) : toV3(e.getValue())));
        if (out.has("$ref") && out.size() > 1) {
            JsonNode ref = out.remove("$ref");
            out.putArray("allOf").addObject().set("$ref", ref);
        }
        return out;
    }

    /** Property names are not keywords: a property called {@code $ref} would stay one. */
    private static JsonNode propertiesToV3(JsonNode properties) {
        ObjectNode out = MAPPER.createObjectNode();
        properties.properties().forEach(e -> out.set(e.getKey(), toV3(e.getValue())));
        return out;
    }

    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode out = MAPPER.createObjectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        names.forEach(n -> out.set(n, node.get(n)));
        return out;
    }

    static ObjectNode definitionsFromSources() throws IOException {
        return definitions(Files.readString(SchemaGenerator.SOURCE, StandardCharsets.UTF_8),
                Files.readString(STREAMS_SOURCE, StandardCharsets.UTF_8));
    }
}
