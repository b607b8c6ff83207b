package dev.ism.function.image;

import dev.ism.schema.ImageApi;
import dev.ism.schema.Utf8;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Image the API server stores for a new ImageStreamMapping (BEHAVIOUR.md section 3): the
 * request's image, completed from its raw manifest and config the way the OpenShift API server does
 * it when it creates an Image ({@code imageutil.InternalImageWithMetadata} called from the Image
 * strategy's {@code PrepareForCreate}, then the v1 serialization of the metadata).
 *
 * <p>Pure: the input is never modified. Nothing here fails: content that cannot be used (a manifest
 * list, a schema 1 manifest, JSON that does not parse or that Go would not decode, a missing config)
 * leaves the corresponding fields as the request gave them, as the real server only logs such
 * problems and stores the image anyway.
 *
 * <p>For an image with a non-empty {@code dockerImageManifest}:
 * <ol>
 *   <li>Given layers are put base first ({@link ImageLayers#orderAscending}).</li>
 *   <li>Already complete (layers present, {@code dockerImageMetadata.Size > 0}, media type set):
 *       nothing else changes.</li>
 *   <li>A schema 2 or OCI image {@link Manifest}: when the request has no layers they come from the
 *       manifest; {@code dockerImageManifestMediaType} becomes the manifest's {@code mediaType}, or
 *       when the manifest has none, stays as given, or is the Docker schema 2 type when none was
 *       given; with a usable {@link ImageConfig}, {@code dockerImageMetadata} is rebuilt from it as a
 *       {@link DockerImage}.</li>
 * </ol>
 * Then, for every image: with {@code image.openshift.io/manifestBlobStored: "true"} the manifest
 * and config strings are not kept; {@code signatures} and {@code dockerImageSignatures} are dropped;
 * {@code dockerImageMetadataVersion} defaults to {@code 1.0}; null-valued fields are removed.
 */
public final class ImageCompletion {

    static final String ANNOTATION_MANIFEST_BLOB_STORED = ImageApi.ANNOTATION_MANIFEST_BLOB_STORED;

    /** Fields of a v1 Image, in the order the API server writes them. */
    private static final List<String> IMAGE_FIELDS = List.of(
            "kind", "apiVersion", "metadata", "dockerImageReference", "dockerImageMetadata",
            "dockerImageMetadataVersion", "dockerImageManifest", "dockerImageLayers", "signatures",
            "dockerImageSignatures", "dockerImageManifestMediaType", "dockerImageConfig", "dockerImageManifests");
    private static final Set<String> NOT_STORED = Set.of("signatures", "dockerImageSignatures");
    private static final String METADATA = "dockerImageMetadata";
    /** A layer from the manifest, less its strings: {@code {"name":"","size":-9223372036854775808,"mediaType":""},}. */
    static final int LAYER_BYTES = 64;
    /** What {@link #jsonBound} counts as the same whatever the image (see there). */
    static final int FIXED_BYTES = 4096;

    private ImageCompletion() {
    }

    /** The Image to store for the request's {@code image} (a new object; {@code image} is untouched). */
    public static ObjectNode complete(ObjectNode image) {
        ObjectNode out = storedFields(image);
        if (!ImageJson.text(out, "dockerImageManifest").isEmpty()) {
            ImageLayers.orderAscending(out);
            if (!alreadyComplete(out)) {
                fillFromManifest(out);
            }
        }
        JsonNode given = image.get(METADATA);
        if (given != null && out.get(METADATA) == given) { // kept as given: now copied, to be edited below
            out.set(METADATA, given.deepCopy());
        }
        if ("true".equals(ImageJson.annotation(out, ANNOTATION_MANIFEST_BLOB_STORED))) {
            out.remove("dockerImageManifest");
            out.remove("dockerImageConfig");
        }
        ImageJson.removeNulls(out);
        return out;
    }

    /**
     * At least as many UTF-8 bytes as the JSON of {@link #complete}{@code (image)}, told without completing it, and
     * with {@code extra} bytes for fields the caller adds. The completion keeps some of the image's own fields
     * ({@link JsonBound#of} the image counts them all) and adds at most:
     * <ul>
     *   <li>strings, numbers and booleans of the manifest and the config: each of their characters in at most one
     *       of them, and a character is at most six bytes written ({@link JsonBound}), a number or a boolean no
     *       longer than its text there, a time ({@code Created}) no longer than the RFC 3339 text it was read from;</li>
     *   <li>the layers from the manifest, when the image gives none: each a {@code name}, a {@code size} and a
     *       {@code mediaType} around them ({@link #LAYER_BYTES}), and each at least {@code {}} and a comma of the
     *       manifest's text, so at most a third of its characters plus one;</li>
     *   <li>names and values of its own, the same whatever the image ({@link #FIXED_BYTES}): {@code kind},
     *       {@code apiVersion}, the metadata's version and media type, the layers' order annotation, the field names
     *       of {@code dockerImageMetadata} (each at most once per struct: {@code DockerImage} and its two
     *       {@code DockerConfig}s), its size.</li>
     * </ul>
     * {@code ImageCompletionBoundTest} checks it against the completion over the example image and random and
     * hostile manifests and configs.
     */
    public static long jsonBound(ObjectNode image, long extra) {
        long bound = JsonBound.of(image) + FIXED_BYTES + extra;
        long manifest = ImageJson.text(image, "dockerImageManifest").length();
        long config = ImageJson.text(image, "dockerImageConfig").length();
        bound += 6 * (manifest + config);
        if (!ImageLayers.present(image)) {
            bound += LAYER_BYTES * (manifest / 3 + 1);
        }
        return bound;
    }

    /**
     * A copy of the fields that are stored: kind and apiVersion first, the Image's fields in order, then any others.
     * The given {@code dockerImageMetadata} is not copied but shared, as the completion mostly replaces it: read-only
     * until {@link #complete} copies it, if it is kept.
     */
    private static ObjectNode storedFields(ObjectNode image) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("kind", ImageApi.KIND_IMAGE);
        out.put("apiVersion", ImageApi.API_VERSION);
        for (String field : IMAGE_FIELDS) {
            if (field.equals("dockerImageMetadataVersion") && ImageJson.text(image, field).isEmpty()) {
                out.put(field, "1.0");
            } else if (image.has(field) && !out.has(field) && !NOT_STORED.contains(field)) {
                out.set(field, field.equals(METADATA) ? image.get(field) : image.get(field).deepCopy());
            }
        }
        image.properties().forEach(e -> {
            if (!out.has(e.getKey()) && !NOT_STORED.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    /**
     * The image's {@code dockerImageMetadata} size ({@code Size}, or {@code size} in pre012 form), 0 when absent. As
     * Go fills the field: every key equal to it without regard to case, in turn; {@code null} changes nothing; a value
     * of another type is left out here (Go would fail the request's decoding).
     */
    static long metadataSize(ObjectNode image) {
        long size = 0;
        if (image.get(METADATA) instanceof ObjectNode m) {
            for (Map.Entry<String, JsonNode> e : m.properties()) {
                if (e.getKey().equalsIgnoreCase("size") && e.getValue().isIntegralNumber() && e.getValue().canConvertToLong()) {
                    size = e.getValue().longValue();
                }
            }
        }
        return size;
    }

    private static boolean alreadyComplete(ObjectNode image) {
        return ImageLayers.present(image)
                && metadataSize(image) > 0
                && !ImageJson.text(image, "dockerImageManifestMediaType").isEmpty();
    }

    private static void fillFromManifest(ObjectNode out) {
        Optional<Manifest> decoded = Manifest.TYPE.decode(ImageJson.text(out, "dockerImageManifest"));
        if (decoded.isEmpty() || !decoded.get().isImage()) {
            return; // a list of manifests, schema 1, or not a manifest at all: left as given
        }
        Manifest manifest = decoded.get();
        if (!ImageLayers.present(out)) {
            ImageLayers.setFromManifest(out, manifest);
        }
        if (!manifest.mediaType().isEmpty()) {
            out.put("dockerImageManifestMediaType", manifest.mediaType());
        } else if (ImageJson.text(out, "dockerImageManifestMediaType").isEmpty()) {
            out.put("dockerImageManifestMediaType", Manifest.DOCKER_SCHEMA2);
        }

        String rawConfig = ImageJson.text(out, "dockerImageConfig");
        Optional<ImageConfig> config = ImageConfig.TYPE.decode(rawConfig);
        if (config.isEmpty()) {
            return; // metadata stays as given
        }
        String configDigest = manifest.config().digest();
        long size = Utf8.length(rawConfig) + ImageLayers.distinctSize(out, configDigest); // its bytes, not encoded
        DockerImage metadata = DockerImage.of(config.get(), configDigest, size);
        out.set(METADATA, metadata.json(ImageJson.text(out, "dockerImageMetadataVersion")));
    }
}
