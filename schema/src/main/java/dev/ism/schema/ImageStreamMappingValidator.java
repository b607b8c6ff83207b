package dev.ism.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decides, for a request body, what the API server would: a valid ImageStreamMapping, a 400 (the
 * decoder refuses it) or a 422 with every cause at once. The steps are those of BEHAVIOUR.md
 * section 1, 6 to 10:
 * <ol>
 *   <li>decode: an object, {@code kind}/{@code apiVersion} right or absent, every field of its JSON
 *       type and Kubernetes format (a null optional field is absent; unknown fields are dropped);</li>
 *   <li>{@code metadata.namespace} filled from the URL, or 400 when it differs;</li>
 *   <li>prepare: system fields wiped, {@code image.signatures} dropped, {@code dockerImageReference}
 *       defaulted when an internal registry hostname is configured;</li>
 *   <li>validate: the semantic rules of the server, then the schema's required fields.</li>
 * </ol>
 * Compiled once (the schema loads from the classpath, never the network); immutable and thread-safe.
 */
public final class ImageStreamMappingValidator {

    public static final String GROUP = Status.GROUP;
    public static final String KIND = "ImageStreamMapping";
    public static final String API_VERSION = GROUP + "/v1";
    private static final String CANNOT_HANDLE = KIND + " in version \"v1\" cannot be handled as a " + KIND + ": ";
    private static final List<String> SYSTEM_FIELDS = List.of("uid", "creationTimestamp", "selfLink", "deletionTimestamp");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final SchemaCheck schema = new SchemaCheck();
    private final String internalRegistryHostname;

    private ImageStreamMappingValidator(String internalRegistryHostname) {
        this.internalRegistryHostname = internalRegistryHostname;
    }

    /** A validator that does not default {@code dockerImageReference}. */
    public static ImageStreamMappingValidator create() {
        return new ImageStreamMappingValidator(null);
    }

    /**
     * A validator that defaults an empty {@code image.dockerImageReference} to
     * {@code <host>/<namespace>/<name>@<image>} ({@code :} when the image name is not a digest).
     */
    public static ImageStreamMappingValidator withInternalRegistry(String hostname) {
        return new ImageStreamMappingValidator(hostname == null || hostname.isBlank() ? null : hostname);
    }

    /** Parses and validates raw request bytes (malformed JSON is a 400 as the API server words it). */
    public Outcome validate(byte[] body, String urlNamespace) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            return badRequest("the object provided is unrecognized (must be of type " + KIND + "): couldn't get version/kind;"
                    + " json parse error: " + parseError(e) + " (" + excerpt(body) + ")");
        }
        if (tree == null || tree.isMissingNode()) {
            return badRequest("the object provided is unrecognized (must be of type " + KIND + "): couldn't get version/kind;"
                    + " json parse error: unexpected end of JSON input");
        }
        return validate(tree, urlNamespace);
    }

    /** Validates a parsed body. The body is not modified; {@link Outcome.Valid} holds a prepared copy. */
    public Outcome validate(JsonNode body, String urlNamespace) {
        if (!body.isObject()) {
            return badRequest("the object provided is unrecognized (must be of type " + KIND + "): couldn't get version/kind;"
                    + " json parse error: json: cannot unmarshal " + goType(body) + " into Go value of type struct"
                    + " { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }");
        }
        ObjectNode mapping = schema.decodedCopy((ObjectNode) body);

        Outcome typeMeta = typeMeta(mapping);
        if (typeMeta != null) {
            return typeMeta;
        }
        List<SchemaCheck.Finding> findings = schema.check(mapping);
        for (SchemaCheck.Finding f : findings) {
            if (!f.isRequired()) {
                return badRequest(CANNOT_HANDLE + decodeError(mapping, f));
            }
        }

        ObjectNode meta = mapping.with("metadata");
        String namespace = meta.path("namespace").asText("");
        if (namespace.isEmpty()) {
            meta.put("namespace", urlNamespace);
        } else if (!namespace.equals(urlNamespace)) {
            return new Outcome.Rejected(Status.namespaceMismatch());
        }

        prepare(mapping);

        FieldErrors errs = new FieldErrors();
        MappingRules.validate(mapping, errs);
        for (SchemaCheck.Finding f : findings) {
            errs.required(FieldPaths.child(FieldPaths.of(f.location(), body), f.property()), "");
        }
        if (!errs.isEmpty()) {
            return new Outcome.Rejected(Status.invalid(GROUP, KIND, meta.path("name").asText(""), errs.causes()));
        }
        return new Outcome.Valid(mapping);
    }

    /** {@code kind} and {@code apiVersion}: absent means ours; anything else is a 400. */
    private static Outcome typeMeta(ObjectNode mapping) {
        JsonNode kind = mapping.path("kind");
        JsonNode apiVersion = mapping.path("apiVersion");
        for (Map.Entry<String, JsonNode> e : Map.of("kind", kind, "apiVersion", apiVersion).entrySet()) {
            if (!e.getValue().isMissingNode() && !e.getValue().isTextual()) {
                return badRequest("the object provided is unrecognized (must be of type " + KIND + "): couldn't get"
                        + " version/kind; json parse error: json: cannot unmarshal " + goType(e.getValue())
                        + " into Go struct field ." + e.getKey() + " of type string");
            }
        }
        String v = apiVersion.asText("");
        if (!v.isEmpty() && !v.equals(API_VERSION)) {
            return badRequest("the API version in the data (" + v + ") does not match the expected API version (" + API_VERSION + ")");
        }
        String k = kind.asText("");
        if (!k.isEmpty() && !k.equals(KIND)) {
            return badRequest("the kind in the data (" + k + ") does not match the expected kind (" + KIND + ")");
        }
        mapping.put("kind", KIND);
        mapping.put("apiVersion", API_VERSION);
        return null;
    }

    /** The strategy's PrepareForCreate and the generic wipe of system fields. */
    private void prepare(ObjectNode mapping) {
        ((ObjectNode) mapping.get("metadata")).remove(SYSTEM_FIELDS);
        JsonNode image = mapping.path("image");
        if (!image.isObject()) {
            return;
        }
        ObjectNode img = (ObjectNode) image;
        img.remove("signatures");
        if (internalRegistryHostname != null && img.path("dockerImageReference").asText("").isEmpty()) {
            String imageName = img.path("metadata").path("name").asText("");
            String separator = MappingRules.DIGEST.matcher(imageName).matches() ? "@" : ":";
            img.put("dockerImageReference", internalRegistryHostname + "/" + mapping.path("metadata").path("namespace").asText()
                    + "/" + mapping.path("metadata").path("name").asText() + separator + imageName);
        }
    }

    /** A decode error in the Go decoder's words, naming the field. */
    private String decodeError(JsonNode body, SchemaCheck.Finding f) {
        JsonNode value = body.at(f.location().toString());
        String fieldPath = FieldPaths.of(f.location(), body);
        SchemaCheck.FieldSchema field = schema.field(f.location());
        String goField = "Go struct field " + field.goStruct() + "." + FieldPaths.withoutIndexes(fieldPath);
        switch (f.keyword()) {
            case "format":
                String format = field.schema().path("format").asText();
                if (format.startsWith("int")) {
                    return "json: cannot unmarshal number " + value + " into " + goField + " of type " + format;
                }
                if (format.equals("byte")) {
                    return "illegal base64 data in " + fieldPath;
                }
                return fieldPath + ": parsing time " + FieldErrors.render(value)
                        + " as \"2006-01-02T15:04:05Z07:00\": not an RFC 3339 date-time";
            case "enum":
                List<String> supported = new ArrayList<>();
                field.schema().path("enum").forEach(n -> {
                    if (!n.asText().isEmpty()) {
                        supported.add(n.asText());
                    }
                });
                FieldErrors errs = new FieldErrors();
                errs.notSupported(fieldPath, value, supported);
                return fieldPath + ": " + errs.causes().get(0).message();
            default:
                return "json: cannot unmarshal " + goType(value) + " into " + goField + " of type " + goType(field.schema());
        }
    }

    private static String goType(JsonNode valueOrSchema) {
        if (valueOrSchema.has("type") || valueOrSchema.has("$ref")) {
            JsonNode s = valueOrSchema;
            switch (s.path("type").asText("object")) {
                case "string":
                    return "string";
                case "integer":
                    return s.path("format").asText("int64");
                case "boolean":
                    return "bool";
                case "array":
                    return "[]" + goType(s.path("items"));
                default:
                    return s.has("additionalProperties") ? "map[string]" + goType(s.get("additionalProperties")) : "struct";
            }
        }
        JsonNodeType t = valueOrSchema.getNodeType();
        switch (t) {
            case STRING:
                return "string";
            case NUMBER:
                return "number";
            case BOOLEAN:
                return "bool";
            case ARRAY:
                return "array";
            default:
                return "object";
        }
    }

    private static String parseError(IOException e) {
        if (e instanceof JsonProcessingException jpe) {
            String m = jpe.getOriginalMessage();
            if (m != null && m.contains("end-of-input")) {
                return "unexpected end of JSON input";
            }
            return "invalid character at line " + (jpe.getLocation() == null ? 0 : jpe.getLocation().getLineNr())
                    + ", column " + (jpe.getLocation() == null ? 0 : jpe.getLocation().getColumnNr());
        }
        return "unreadable input";
    }

    /** The start of the body, as the API server quotes it: 30 characters, then " ..." when longer. */
    private static String excerpt(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 128), java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > 30 ? s.substring(0, 30) + " ..." : s;
    }

    private static Outcome badRequest(String message) {
        return new Outcome.Rejected(Status.badRequest(message));
    }

    /** Kubernetes field paths ({@code image.dockerImageLayers[0].size}, {@code metadata.labels[key]}). */
    static final class FieldPaths {
        private FieldPaths() {
        }

        static String of(JsonNodePath location, JsonNode body) {
            StringBuilder b = new StringBuilder();
            JsonNode current = body;
            for (int i = 0; i < location.getNameCount(); i++) {
                Object element = location.getElement(i);
                if (element instanceof Integer index) {
                    b.append('[').append(index).append(']');
                    current = current.path(index);
                } else {
                    String name = (String) element;
                    boolean mapKey = current.isObject() && !isStruct(location, i);
                    if (mapKey) {
                        b.append('[').append(name).append(']');
                    } else {
                        if (b.length() > 0) {
                            b.append('.');
                        }
                        b.append(name);
                    }
                    current = current.path(name);
                }
            }
            return b.toString();
        }

        /** Map-valued fields of the schema, whose keys are rendered as {@code [key]}. */
        private static boolean isStruct(JsonNodePath location, int i) {
            if (i == 0) {
                return true;
            }
            String parent = String.valueOf(location.getElement(i - 1));
            return !(parent.equals("labels") || parent.equals("annotations") || parent.equals("signedClaims"));
        }

        static String child(String parent, String name) {
            return parent.isEmpty() ? name : parent + "." + name;
        }

        static String withoutIndexes(String path) {
            return path.replaceAll("\\[[^]]*]", "");
        }
    }
}
