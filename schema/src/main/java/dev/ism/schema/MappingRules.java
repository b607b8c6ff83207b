package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ism.schema.reference.DockerImageReference;
import dev.ism.schema.reference.ReferenceParseException;

import java.util.regex.Pattern;

/**
 * The semantic rules of the OpenShift API server's {@code ValidateImageStreamMapping}, in the order
 * it reports them (BEHAVIOUR.md section 2), plus our stricter tag rule.
 */
final class MappingRules {

    /** The tag grammar of the Docker image reference (bounded: at most 128 characters are looked at). */
    static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    /** RFC 6838 {@code type/subtype}, restricted-name characters, at most 127 each (bounded, as the tag's). */
    static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

    private MappingRules() {
    }

    static void validate(JsonNode mapping, FieldErrors errs) {
        ObjectMetaRules.validate(mapping.path("metadata"), true, "metadata", errs);
        if (mapping.path("metadata").path("name").asText("").isEmpty()) {
            // the server's internal ImageStreamMapping names its stream by name or dockerImageRepository
            errs.required("name", "");
            errs.required("dockerImageRepository", "");
        }

        String tag = mapping.path("tag").asText("");
        if (tag.isEmpty()) {
            errs.required("tag", "");
        } else if (tag.length() > 128 || !TAG.matcher(tag).matches()) {
            errs.invalid("tag", tag, "a tag must consist of at most 128 alphanumeric characters, '_', '.' or '-',"
                    + " and must start with an alphanumeric character or '_' (regex used for validation is '"
                    + TAG.pattern() + "')");
        }

        JsonNode image = mapping.path("image");
        if (image.isObject()) {
            image(image, "image", errs);
        }
    }

    private static void image(JsonNode image, String path, FieldErrors errs) {
        ObjectMetaRules.validate(image.path("metadata"), false, path + ".metadata", errs);

        String ref = image.path("dockerImageReference").asText("");
        if (ref.isEmpty()) {
            errs.required(path + ".dockerImageReference", "");
        } else {
            try {
                DockerImageReference.parse(ref);
            } catch (ReferenceParseException e) {
                errs.invalid(path + ".dockerImageReference", ref, e.getMessage());
            }
        }

        JsonNode manifests = image.path("dockerImageManifests");
        if (manifests.isArray() && !manifests.isEmpty()) {
            JsonNode layers = image.path("dockerImageLayers");
            if (layers.isArray() && !layers.isEmpty()) {
                errs.invalid(path + ".dockerImageLayers", layers,
                        "dockerImageLayers should not be set when dockerImageManifests is set");
            }
            for (int i = 0; i < manifests.size(); i++) {
                manifest(manifests.get(i), path + ".dockerImageManifests[" + i + "]", errs);
            }
        }
    }

    private static void manifest(JsonNode m, String path, FieldErrors errs) {
        String digest = m.path("digest").asText("");
        if (!DockerImageReference.isDigest(digest)) {
            errs.invalid(path + ".digest", digest, "digest does not conform with OCI image specification");
        }
        String mediaType = m.path("mediaType").asText("");
        if (mediaType.length() > 255 || !MEDIA_TYPE.matcher(mediaType).matches()) {
            errs.invalid(path + ".mediaType", mediaType, "mediaType does not conform with RFC 6838");
        }
        if (m.path("architecture").asText("").isEmpty()) {
            errs.required(path + ".architecture", "");
        }
        if (m.path("os").asText("").isEmpty()) {
            errs.required(path + ".os", "");
        }
        JsonNode size = m.path("manifestSize");
        if (size.isIntegralNumber() && size.asLong() < 0) {
            // reported on the internal field's name, size, as the server does
            errs.invalid(path + ".size", size, "manifestSize cannot be negative");
        }
    }
}
