package dev.ism.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import dev.ism.schema.reference.DockerImageReference;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Decides, for a request body, what the API server would: a valid ImageStreamMapping, a 400 (the
 * decoder refuses it) or a 422 with every cause at once. The steps are those of BEHAVIOUR.md
 * section 1, 6 to 10:
 * <ol>
 *   <li>decode ({@link Decoder}): an object, {@code kind}/{@code apiVersion} right or absent, every field
 *       of its JSON type and Kubernetes format (a null optional field is absent; unknown fields and
 *       duplicate keys dropped, warned about or refused by {@link FieldValidation});
 *       {@code image.dockerImageMetadata} a DockerImage 1.0;</li>
 *   <li>{@code metadata.namespace} filled from the URL, or 400 when it differs;</li>
 *   <li>prepare: system fields wiped, {@code image.signatures} dropped, {@code dockerImageReference}
 *       defaulted when an internal registry hostname is configured;</li>
 *   <li>validate: the semantic rules of the server, then the schema's required fields.</li>
 * </ol>
 * Compiled once (the schema loads from the classpath, never the network); immutable and thread-safe.
 * Never throws for any input; the work is linear in the input's size (see the module README's limits).
 */
public final class ImageStreamMappingValidator {

    public static final String GROUP = Status.GROUP;
    public static final String KIND = "ImageStreamMapping";
    public static final String API_VERSION = GROUP + "/v1";
    private static final List<String> SYSTEM_FIELDS = List.of("uid", "creationTimestamp", "selfLink", "deletionTimestamp");
    /**
     * Jackson's default limits, except names: Go's decoder takes keys of any length (a label key of
     * 100 KB is a 422, not a 400), so they are bounded only by the body. Nesting stays at 1,000.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(Integer.MAX_VALUE).build())
            .build());

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

    /** {@link #validate(byte[], String, FieldValidation)} with the default, {@link FieldValidation#WARN}. */
    public Outcome validate(byte[] body, String urlNamespace) {
        return validate(body, urlNamespace, FieldValidation.WARN);
    }

    /**
     * Decodes and validates raw request bytes. Never throws; the work is linear in the body's size.
     * A UTF-8 byte-order mark is a 400, as for Go's decoder; a byte that is not well-formed UTF-8 becomes U+FFFD.
     */
    public Outcome validate(byte[] body, String urlNamespace, FieldValidation mode) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return badRequest(DecodeErrors.unparsable("invalid character '\u00ef' looking for beginning of value", body));
        }
        try (JsonParser parser = JSON.createParser(Utf8.repaired(body))) {
            return validate(Decoder.decode(parser, schema.shape()), urlNamespace, mode);
        } catch (Decoder.Refused e) {
            return badRequest(DecodeErrors.unparsable(e.getMessage(), body));
        } catch (IOException e) {
            return badRequest(DecodeErrors.unparsable(DecodeErrors.parseError(e), body));
        }
    }

    /** {@link #validate(JsonNode, String, FieldValidation)} with the default, {@link FieldValidation#WARN}. */
    public Outcome validate(JsonNode body, String urlNamespace) {
        return validate(body, urlNamespace, FieldValidation.WARN);
    }

    /**
     * Validates a parsed body (a tree deeper than 1,000 levels is a 400, as for bytes). The body is not
     * modified; {@link Outcome.Valid} holds a prepared copy.
     */
    public Outcome validate(JsonNode body, String urlNamespace, FieldValidation mode) {
        if (body == null || body.isMissingNode()) {
            return badRequest(DecodeErrors.unrecognized("unexpected end of JSON input"));
        }
        try (JsonParser parser = body.traverse(JSON)) {
            return validate(Decoder.decode(parser, schema.shape()), urlNamespace, mode);
        } catch (Decoder.Refused e) {
            return badRequest(DecodeErrors.unrecognized(e.getMessage()));
        } catch (IOException e) {
            return badRequest(DecodeErrors.unrecognized(DecodeErrors.parseError(e)));
        }
    }

    private Outcome validate(Decoder.Result decoded, String urlNamespace, FieldValidation mode) {
        if (!decoded.root().isObject()) {
            return badRequest(DecodeErrors.notAnObject(decoded.root()));
        }
        ObjectNode mapping = (ObjectNode) decoded.root();
        Outcome typeMeta = typeMeta(mapping);
        if (typeMeta != null) {
            return typeMeta;
        }
        List<SchemaCheck.Finding> findings = schema.check(mapping);
        for (SchemaCheck.Finding f : findings) {
            if (!f.isRequired()) {
                return badRequest(DecodeErrors.finding(f.keyword(), mapping.at(f.location().toString()),
                        FieldPaths.of(f.location(), mapping), schema.field(f.location())));
            }
        }
        String metadataError = DockerImageMetadata.check(mapping.path("image").path("dockerImageMetadata"));
        if (metadataError != null) {
            return badRequest(DecodeErrors.CANNOT_HANDLE + metadataError);
        }
        if (mode == FieldValidation.STRICT && !decoded.problems().isEmpty()) {
            return badRequest(DecodeErrors.strict(decoded.problems()));
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
        for (Decoder.TooMany t : decoded.tooMany()) {
            errs.add("FieldValueTooMany", "Too many: " + t.items() + ": must have at most " + Decoder.MAX_ITEMS
                    + " items, all lists together", t.field());
        }
        MappingRules.validate(mapping, errs);
        for (SchemaCheck.Finding f : findings) {
            errs.required(FieldPaths.child(FieldPaths.of(f.location(), mapping), f.property()), "");
        }
        if (!errs.isEmpty()) {
            return new Outcome.Rejected(Status.invalid(GROUP, KIND, meta.path("name").asText(""), errs.causes()));
        }
        return new Outcome.Valid(mapping, mode == FieldValidation.WARN ? decoded.problems() : List.of());
    }

    /** {@code kind} and {@code apiVersion}: absent means ours; anything else is a 400. */
    private static Outcome typeMeta(ObjectNode mapping) {
        JsonNode kind = mapping.path("kind");
        JsonNode apiVersion = mapping.path("apiVersion");
        for (Map.Entry<String, JsonNode> e : Map.of("kind", kind, "apiVersion", apiVersion).entrySet()) {
            if (!e.getValue().isMissingNode() && !e.getValue().isTextual()) {
                return badRequest(DecodeErrors.typeMetaNotString(e.getKey(), e.getValue()));
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
            String separator = DockerImageReference.isDigest(imageName) ? "@" : ":";
            img.put("dockerImageReference", internalRegistryHostname + "/" + mapping.path("metadata").path("namespace").asText()
                    + "/" + mapping.path("metadata").path("name").asText() + separator + imageName);
        }
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

    }
}
