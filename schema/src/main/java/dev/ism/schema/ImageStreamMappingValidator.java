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
import java.util.ArrayList;
import java.util.List;

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

    private static final String KIND = ImageApi.KIND_IMAGE_STREAM_MAPPING;
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
        return admit(decode(body, mode), urlNamespace);
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
        return admit(decode(body, mode), urlNamespace);
    }

    /**
     * The steps of a create in the API server's order, as the function's create pipeline runs them: decode,
     * {@link BeforeCreate}, {@link #prepareForCreate}, {@link #validate(Decoding.Decoded, FieldErrors)}.
     */
    private Outcome admit(Decoding decoding, String urlNamespace) {
        if (decoding instanceof Outcome.Rejected rejected) {
            return rejected;
        }
        Decoding.Decoded decoded = (Decoding.Decoded) decoding;
        ObjectNode mapping = decoded.object();
        Status refused = BeforeCreate.apply(mapping, urlNamespace);
        if (refused != null) {
            return new Outcome.Rejected(refused);
        }
        prepareForCreate(mapping);
        FieldErrors errs = new FieldErrors();
        validate(decoded, errs);
        if (!errs.isEmpty()) {
            return new Outcome.Rejected(Status.invalid(ImageApi.GROUP, KIND, mapping.path("metadata").path("name").asText(""), errs.causes()));
        }
        return new Outcome.Valid(mapping, decoded.warnings());
    }

    /** Decodes raw request bytes: the mapping, or a 400. Never throws; linear in the body's size. */
    public Decoding decode(byte[] body, FieldValidation mode) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return badRequest(DecodeErrors.unparsable("invalid character '\u00ef' looking for beginning of value", body));
        }
        try (JsonParser parser = JSON.createParser(Utf8.repaired(body))) {
            return decoded(Decoder.decode(parser, schema.shape()), mode);
        } catch (Decoder.Refused e) {
            return badRequest(DecodeErrors.unparsable(e.getMessage(), body));
        } catch (IOException e) {
            return badRequest(DecodeErrors.unparsable(DecodeErrors.parseError(e), body));
        }
    }

    /** Decodes a parsed body (not modified: the result is a copy). */
    public Decoding decode(JsonNode body, FieldValidation mode) {
        if (body == null || body.isMissingNode()) {
            return badRequest(DecodeErrors.unrecognized("unexpected end of JSON input"));
        }
        try (JsonParser parser = body.traverse(JSON)) {
            return decoded(Decoder.decode(parser, schema.shape()), mode);
        } catch (Decoder.Refused e) {
            return badRequest(DecodeErrors.unrecognized(e.getMessage()));
        } catch (IOException e) {
            return badRequest(DecodeErrors.unrecognized(DecodeErrors.parseError(e)));
        }
    }

    /** An object of our kind, every field of its type (else 400); required fields and list limits kept for validation. */
    private Decoding decoded(Decoder.Result decoded, FieldValidation mode) {
        if (!decoded.root().isObject()) {
            return badRequest(DecodeErrors.notAnObject(decoded.root()));
        }
        ObjectNode mapping = (ObjectNode) decoded.root();
        String typeMeta = TypeMeta.check(mapping, KIND, ImageApi.API_VERSION);
        if (typeMeta != null) {
            return badRequest(typeMeta);
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
        List<Status.Cause> tooMany = new ArrayList<>();
        for (Decoder.TooMany t : decoded.tooMany()) {
            tooMany.add(new Status.Cause("FieldValueTooMany", "Too many: " + t.items() + ": must have at most "
                    + Decoder.MAX_ITEMS + " items, all lists together", t.field()));
        }
        List<Status.Cause> missing = new ArrayList<>();
        for (SchemaCheck.Finding f : findings) {
            missing.add(new Status.Cause("FieldValueRequired", "Required value",
                    FieldPaths.child(FieldPaths.of(f.location(), mapping), f.property())));
        }
        return new Decoding.Decoded(mapping, mode == FieldValidation.WARN ? decoded.problems() : List.of(),
                tooMany, missing);
    }

    /**
     * The strategy's PrepareForCreate: {@code image.signatures} dropped, {@code dockerImageReference} defaulted
     * when an internal registry hostname is configured. After {@link BeforeCreate} (the namespace is set).
     */
    public void prepareForCreate(ObjectNode mapping) {
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

    /** The semantic rules of the server, with the decoder's list limits before and missing required fields after. */
    public void validate(Decoding.Decoded decoded, FieldErrors errs) {
        decoded.tooMany().forEach(c -> errs.add(c.reason(), c.message(), c.field()));
        MappingRules.validate(decoded.object(), errs);
        decoded.missing().forEach(c -> errs.add(c.reason(), c.message(), c.field()));
    }

    private static Outcome.Rejected badRequest(String message) {
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
