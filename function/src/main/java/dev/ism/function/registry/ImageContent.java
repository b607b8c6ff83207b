package dev.ism.function.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Image the API server stores for a new ImageStreamMapping (BEHAVIOUR.md section 3): the
 * request's image, completed from its raw manifest and config the way the OpenShift API server does
 * it when it creates an Image ({@code imageutil.InternalImageWithMetadata} called from the Image
 * strategy's {@code PrepareForCreate}, then the v1 serialization of the metadata).
 *
 * <p>Pure functions on Jackson trees: the input is never modified. Nothing here fails: content that
 * cannot be used (a manifest list, a schema 1 manifest, JSON that does not parse or has wrong types,
 * a missing config) leaves the corresponding fields as the request gave them, as the real server only
 * logs such problems and stores the image anyway.
 *
 * <p>Behaviour, step by step, for an image with a non-empty {@code dockerImageManifest}:
 * <ol>
 *   <li>Layer order: when {@code dockerImageLayers} is not empty they are put in ascending order
 *       (base first). Without the annotation {@code image.openshift.io/dockerLayersOrder}, layers of
 *       a Docker schema 2 or OCI image ({@code dockerImageManifestMediaType}) are taken as descending
 *       and reversed, as the server does; with the annotation {@code descending} they are reversed.
 *       The annotation then says {@code ascending}.</li>
 *   <li>Already complete (layers present, {@code dockerImageMetadata.Size > 0}, media type set):
 *       nothing else changes.</li>
 *   <li>Schema 2 / OCI image manifest (schemaVersion 2, not a list or index): when the request has no
 *       layers they come from the manifest, in manifest order (and the annotation is set);
 *       {@code dockerImageManifestMediaType} becomes the manifest's {@code mediaType}, or when the
 *       manifest has none, stays as given, or is the Docker schema 2 type when none was given;
 *       with a usable {@code dockerImageConfig}, {@code dockerImageMetadata} is rebuilt from the
 *       config as an OpenShift {@code DockerImage} ({@code Id} = the manifest's config digest,
 *       {@code Size} = config length in bytes + the sizes of the distinct layers).</li>
 * </ol>
 * Then, for every image: with {@code image.openshift.io/manifestBlobStored: "true"} the manifest
 * and config strings are not kept; {@code signatures} and {@code dockerImageSignatures} are dropped;
 * {@code dockerImageMetadataVersion} defaults to {@code 1.0}; null-valued fields are removed.
 */
public final class ImageContent {

    public static final String KIND = "Image";
    public static final String API_VERSION = "image.openshift.io/v1";

    public static final String MEDIA_TYPE_DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String MEDIA_TYPE_DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String MEDIA_TYPE_OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String MEDIA_TYPE_OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String MEDIA_TYPE_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    static final String MEDIA_TYPE_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    public static final String ANNOTATION_LAYERS_ORDER = "image.openshift.io/dockerLayersOrder";
    public static final String ANNOTATION_MANIFEST_BLOB_STORED = "image.openshift.io/manifestBlobStored";
    public static final String LAYERS_ASCENDING = "ascending";
    public static final String LAYERS_DESCENDING = "descending";

    public static final String METADATA_VERSION_1_0 = "1.0";
    public static final String METADATA_VERSION_PRE012 = "pre012";

    /** Fields of a v1 Image, in the order the API server writes them. */
    private static final List<String> IMAGE_FIELDS = List.of(
            "kind", "apiVersion", "metadata", "dockerImageReference", "dockerImageMetadata",
            "dockerImageMetadataVersion", "dockerImageManifest", "dockerImageLayers", "signatures",
            "dockerImageSignatures", "dockerImageManifestMediaType", "dockerImageConfig", "dockerImageManifests");
    private static final Set<String> NOT_STORED = Set.of("signatures", "dockerImageSignatures");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** RFC 3339 as Go's {@code time.Time} JSON decoding accepts it. */
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})");
    /** {@code metav1.Time}'s JSON form: UTC, whole seconds. */
    private static final DateTimeFormatter TIME_OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");
    private static final OffsetDateTime GO_ZERO_TIME = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private ImageContent() {
    }

    /**
     * The Image to store for the request's {@code image} (a new object; {@code image} is untouched).
     */
    public static ObjectNode complete(ObjectNode image) {
        ObjectNode out = NODES.objectNode();
        out.put("kind", KIND);
        out.put("apiVersion", API_VERSION);
        for (String field : IMAGE_FIELDS) {
            if (field.equals("dockerImageMetadataVersion") && text(image, field).isEmpty()) {
                out.put(field, METADATA_VERSION_1_0);
            } else if (image.has(field) && !out.has(field) && !NOT_STORED.contains(field)) {
                out.set(field, image.get(field).deepCopy());
            }
        }
        image.properties().forEach(e -> {
            if (!out.has(e.getKey()) && !NOT_STORED.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });

        if (!text(out, "dockerImageManifest").isEmpty()) {
            orderLayersAscending(out);
            if (!alreadyComplete(out)) {
                fillFromManifest(out);
            }
        }

        if ("true".equals(annotation(out, ANNOTATION_MANIFEST_BLOB_STORED))) {
            out.remove("dockerImageManifest");
            out.remove("dockerImageConfig");
        }
        removeNulls(out);
        return out;
    }

    /** The image's {@code dockerImageMetadata} size ({@code Size}, or {@code size} in pre012 form), 0 when absent. */
    public static long metadataSize(ObjectNode image) {
        JsonNode metadata = image.get("dockerImageMetadata");
        JsonNode size = metadata instanceof ObjectNode m ? field(m, "size") : null;
        return size != null && size.isIntegralNumber() && size.canConvertToLong() ? size.asLong() : 0;
    }

    // ---- layers ------------------------------------------------------------------------------

    private static void orderLayersAscending(ObjectNode out) {
        if (!(out.get("dockerImageLayers") instanceof ArrayNode layers) || layers.isEmpty()) {
            return;
        }
        String order = annotation(out, ANNOTATION_LAYERS_ORDER);
        if (order == null) {
            switch (text(out, "dockerImageManifestMediaType")) {
                case MEDIA_TYPE_SCHEMA1, MEDIA_TYPE_SCHEMA1_SIGNED -> order = LAYERS_ASCENDING;
                case MEDIA_TYPE_DOCKER_MANIFEST, MEDIA_TYPE_OCI_MANIFEST -> order = LAYERS_DESCENDING;
                default -> {
                    return;
                }
            }
        }
        if (LAYERS_DESCENDING.equals(order)) {
            ArrayNode reversed = NODES.arrayNode(layers.size());
            for (int i = layers.size() - 1; i >= 0; i--) {
                reversed.add(layers.get(i));
            }
            out.set("dockerImageLayers", reversed);
        }
        setAnnotation(out, ANNOTATION_LAYERS_ORDER, LAYERS_ASCENDING);
    }

    private static boolean alreadyComplete(ObjectNode out) {
        return out.get("dockerImageLayers") instanceof ArrayNode layers && !layers.isEmpty()
                && metadataSize(out) > 0
                && !text(out, "dockerImageManifestMediaType").isEmpty();
    }

    // ---- manifest and config -------------------------------------------------------------------

    private static void fillFromManifest(ObjectNode out) {
        Optional<ObjectNode> parsed = parseObject(text(out, "dockerImageManifest")).filter(ImageContent::isManifest);
        if (parsed.isEmpty()) {
            return;
        }
        ObjectNode manifest = parsed.get();
        String mediaType = str(field(manifest, "mediaType"));
        if (MEDIA_TYPE_DOCKER_MANIFEST_LIST.equals(mediaType) || MEDIA_TYPE_OCI_INDEX.equals(mediaType)) {
            return; // a list of manifests: no layers, no config; its fields stay as given
        }
        if (longValue(field(manifest, "schemaVersion")) != 2) {
            return; // schema 1 (deprecated) or not a manifest at all: left as given
        }

        if (!(out.get("dockerImageLayers") instanceof ArrayNode given) || given.isEmpty()) {
            out.set("dockerImageLayers", layersOf(manifest));
            setAnnotation(out, ANNOTATION_LAYERS_ORDER, LAYERS_ASCENDING);
        }
        if (!mediaType.isEmpty()) {
            out.put("dockerImageManifestMediaType", mediaType);
        } else if (text(out, "dockerImageManifestMediaType").isEmpty()) {
            out.put("dockerImageManifestMediaType", MEDIA_TYPE_DOCKER_MANIFEST);
        }

        String rawConfig = text(out, "dockerImageConfig");
        Optional<ObjectNode> config = parseObject(rawConfig).filter(ImageContent::isImageConfig);
        if (rawConfig.isEmpty() || config.isEmpty()) {
            return; // metadata stays as given
        }
        String configDigest = field(manifest, "config") instanceof ObjectNode c ? str(field(c, "digest")) : "";
        long size = rawConfig.getBytes(StandardCharsets.UTF_8).length + distinctLayerSize(out, configDigest);
        boolean pre012 = METADATA_VERSION_PRE012.equals(text(out, "dockerImageMetadataVersion"));
        out.set("dockerImageMetadata", dockerImage(config.get(), configDigest, size, pre012));
    }

    private static ArrayNode layersOf(ObjectNode manifest) {
        ArrayNode layers = NODES.arrayNode();
        if (field(manifest, "layers") instanceof ArrayNode descriptors) {
            for (JsonNode d : descriptors) {
                ObjectNode layer = layers.addObject();
                layer.put("name", d.isObject() ? str(field((ObjectNode) d, "digest")) : "");
                layer.set("size", number(d.isObject() ? longValue(field((ObjectNode) d, "size")) : 0));
                layer.put("mediaType", d.isObject() ? str(field((ObjectNode) d, "mediaType")) : "");
            }
        }
        return layers;
    }

    /** Sizes of the image's layers, each digest counted once, the config blob not counted as a layer. */
    private static long distinctLayerSize(ObjectNode out, String configDigest) {
        Set<String> seen = new HashSet<>();
        seen.add(configDigest);
        long total = 0;
        if (out.get("dockerImageLayers") instanceof ArrayNode layers) {
            for (JsonNode layer : layers) {
                if (seen.add(layer.path("name").asText(""))) {
                    total += layer.path("size").asLong(0);
                }
            }
        }
        return total;
    }

    /** The OpenShift {@code DockerImage} for an image config, in the JSON form of metadata version 1.0 or pre012. */
    private static ObjectNode dockerImage(ObjectNode config, String id, long size, boolean pre012) {
        ObjectNode m = NODES.objectNode();
        m.put("kind", "DockerImage");
        m.put("apiVersion", pre012 ? "image.openshift.io/pre012" : "image.openshift.io/1.0");
        m.put(pre012 ? "id" : "Id", id);
        putString(m, pre012 ? "parent" : "Parent", field(config, "parent"));
        putString(m, pre012 ? "comment" : "Comment", field(config, "comment"));
        created(field(config, "created")).ifPresent(t -> m.put(pre012 ? "created" : "Created", t));
        putString(m, pre012 ? "container" : "Container", field(config, "container"));
        m.set(pre012 ? "container_config" : "ContainerConfig", dockerConfig(field(config, "container_config"), pre012));
        putString(m, pre012 ? "docker_version" : "DockerVersion", field(config, "docker_version"));
        putString(m, pre012 ? "author" : "Author", field(config, "author"));
        if (field(config, "config") instanceof ObjectNode c) {
            m.set(pre012 ? "config" : "Config", dockerConfig(c, pre012));
        }
        putString(m, pre012 ? "architecture" : "Architecture", field(config, "architecture"));
        if (size != 0) {
            m.set(pre012 ? "size" : "Size", number(size));
        }
        return m;
    }

    /** How a field of a Docker container config is typed, which decides what is accepted and kept. */
    private enum Type { STRING, INT64, BOOL, STRING_LIST, SET, STRING_MAP }

    /** OpenShift's {@code DockerConfig}: the only container config keys kept, in its order. */
    private static final Map<String, Type> DOCKER_CONFIG = orderedMap(
            "Hostname", Type.STRING, "Domainname", Type.STRING, "User", Type.STRING,
            "Memory", Type.INT64, "MemorySwap", Type.INT64, "CpuShares", Type.INT64, "Cpuset", Type.STRING,
            "AttachStdin", Type.BOOL, "AttachStdout", Type.BOOL, "AttachStderr", Type.BOOL,
            "PortSpecs", Type.STRING_LIST, "ExposedPorts", Type.SET, "Tty", Type.BOOL,
            "OpenStdin", Type.BOOL, "StdinOnce", Type.BOOL, "Env", Type.STRING_LIST, "Cmd", Type.STRING_LIST,
            "Dns", Type.STRING_LIST, "Image", Type.STRING, "Volumes", Type.SET, "VolumesFrom", Type.STRING,
            "WorkingDir", Type.STRING, "Entrypoint", Type.STRING_LIST, "NetworkDisabled", Type.BOOL,
            "SecurityOpts", Type.STRING_LIST, "OnBuild", Type.STRING_LIST, "Labels", Type.STRING_MAP);

    /** The top-level fields of an image config and their types (other keys are ignored). */
    private static final Map<String, Type> IMAGE_CONFIG_FIELDS = orderedMap(
            "id", Type.STRING, "parent", Type.STRING, "comment", Type.STRING, "container", Type.STRING,
            "docker_version", Type.STRING, "author", Type.STRING, "architecture", Type.STRING,
            "os", Type.STRING, "os.version", Type.STRING, "size", Type.INT64, "os.features", Type.STRING_LIST);

    private static ObjectNode dockerConfig(JsonNode in, boolean pre012) {
        ObjectNode out = NODES.objectNode();
        if (!(in instanceof ObjectNode config)) {
            return out;
        }
        for (Map.Entry<String, Type> f : DOCKER_CONFIG.entrySet()) {
            if (pre012 && f.getKey().equals("Labels")) {
                continue; // not supported by the pre012 form, always empty there
            }
            JsonNode v = field(config, f.getKey());
            if (v == null || v.isNull()) {
                continue;
            }
            switch (f.getValue()) {
                case STRING -> putString(out, f.getKey(), v);
                case INT64 -> {
                    if (v.asLong() != 0) {
                        out.set(f.getKey(), number(v.asLong()));
                    }
                }
                case BOOL -> {
                    if (v.asBoolean()) {
                        out.put(f.getKey(), true);
                    }
                }
                case STRING_LIST -> {
                    if (!v.isEmpty()) {
                        ArrayNode list = out.putArray(f.getKey());
                        v.forEach(e -> list.add(e.isNull() ? "" : e.asText()));
                    }
                }
                case SET, STRING_MAP -> {
                    if (!v.isEmpty()) {
                        ObjectNode map = out.putObject(f.getKey());
                        sortedKeys(v).forEach(k -> {
                            if (f.getValue() == Type.SET) {
                                map.putObject(k);
                            } else {
                                map.put(k, v.get(k).isNull() ? "" : v.get(k).asText());
                            }
                        });
                    }
                }
            }
        }
        return out;
    }

    // ---- what Go's encoding/json would accept ---------------------------------------------------

    private static boolean isManifest(ObjectNode m) {
        return is(field(m, "schemaVersion"), Type.INT64)
                && is(field(m, "mediaType"), Type.STRING)
                && is(field(m, "name"), Type.STRING)
                && is(field(m, "tag"), Type.STRING)
                && is(field(m, "architecture"), Type.STRING)
                && isListOfObjects(field(m, "fsLayers"))
                && isListOfObjects(field(m, "history"))
                && isListOf(field(m, "layers"), ImageContent::isDescriptor)
                && isDescriptor(field(m, "config"));
    }

    private static boolean isDescriptor(JsonNode d) {
        return isNull(d) || d instanceof ObjectNode o
                && is(field(o, "mediaType"), Type.STRING)
                && is(field(o, "size"), Type.INT64)
                && is(field(o, "digest"), Type.STRING);
    }

    private static boolean isImageConfig(ObjectNode c) {
        for (Map.Entry<String, Type> f : IMAGE_CONFIG_FIELDS.entrySet()) {
            if (!is(field(c, f.getKey()), f.getValue())) {
                return false;
            }
        }
        return isTime(field(c, "created"))
                && isDockerConfig(field(c, "container_config"))
                && isDockerConfig(field(c, "config"))
                && (isNull(field(c, "rootfs")) || field(c, "rootfs") instanceof ObjectNode r
                    && is(field(r, "type"), Type.STRING) && is(field(r, "diff_ids"), Type.STRING_LIST))
                && isListOf(field(c, "history"), h -> isNull(h) || h instanceof ObjectNode o
                    && isTime(field(o, "created")) && is(field(o, "author"), Type.STRING)
                    && is(field(o, "created_by"), Type.STRING) && is(field(o, "comment"), Type.STRING)
                    && is(field(o, "empty_layer"), Type.BOOL));
    }

    private static boolean isDockerConfig(JsonNode node) {
        if (isNull(node)) {
            return true;
        }
        if (!(node instanceof ObjectNode config)) {
            return false;
        }
        for (Map.Entry<String, Type> f : DOCKER_CONFIG.entrySet()) {
            if (!is(field(config, f.getKey()), f.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean is(JsonNode v, Type type) {
        if (isNull(v)) {
            return true;
        }
        return switch (type) {
            case STRING -> v.isTextual();
            case INT64 -> v.isIntegralNumber() && v.canConvertToLong();
            case BOOL -> v.isBoolean();
            case STRING_LIST -> isListOf(v, e -> is(e, Type.STRING));
            case SET -> v.isObject() && allValues(v, e -> isNull(e) || e.isObject());
            case STRING_MAP -> v.isObject() && allValues(v, e -> is(e, Type.STRING));
        };
    }

    private static boolean isTime(JsonNode v) {
        return isNull(v) || v.isTextual() && parseTime(v.asText()).isPresent();
    }

    private static boolean isListOfObjects(JsonNode v) {
        return isListOf(v, e -> isNull(e) || e.isObject());
    }

    private static boolean isListOf(JsonNode v, Predicate<JsonNode> element) {
        if (isNull(v)) {
            return true;
        }
        if (!v.isArray()) {
            return false;
        }
        for (JsonNode e : v) {
            if (!element.test(e)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allValues(JsonNode object, Predicate<JsonNode> value) {
        for (JsonNode e : object) {
            if (!value.test(e)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNull(JsonNode v) {
        return v == null || v.isNull();
    }

    // ---- small helpers ------------------------------------------------------------------------

    private static Optional<ObjectNode> parseObject(String raw) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return JSON.readTree(raw) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * A field looked up as Go's {@code encoding/json} matches struct fields: names compared without
     * regard to case, the last matching key of the object winning.
     */
    private static JsonNode field(ObjectNode object, String name) {
        JsonNode found = null;
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                found = e.getValue();
            }
        }
        return found;
    }

    private static Optional<OffsetDateTime> parseTime(String s) {
        if (!RFC3339.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code created} as {@code metav1.Time} writes it; empty for no time (Go's zero time is written as null). */
    private static Optional<String> created(JsonNode v) {
        if (isNull(v)) {
            return Optional.empty();
        }
        return parseTime(v.asText())
                .map(t -> t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
                .filter(t -> !t.isEqual(GO_ZERO_TIME))
                .map(TIME_OUT::format);
    }

    private static void putString(ObjectNode out, String key, JsonNode v) {
        if (v != null && v.isTextual() && !v.asText().isEmpty()) {
            out.put(key, v.asText());
        }
    }

    private static String str(JsonNode v) {
        return v != null && v.isTextual() ? v.asText() : "";
    }

    private static long longValue(JsonNode v) {
        return v != null && v.isIntegralNumber() ? v.asLong() : 0;
    }

    /** An integer node as Jackson would parse it: int-sized values as IntNode, so trees compare equal. */
    private static JsonNode number(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    private static String text(ObjectNode o, String field) {
        return str(o.get(field));
    }

    /** Object keys in Go's map order: by UTF-8 bytes, which is code point order. */
    private static List<String> sortedKeys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.properties().forEach(e -> keys.add(e.getKey()));
        keys.sort((a, b) -> {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int ca = a.codePointAt(i);
                int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Integer.compare(a.length() - i, b.length() - j);
        });
        return keys;
    }

    private static String annotation(ObjectNode image, String key) {
        JsonNode v = image.path("metadata").path("annotations").get(key);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static void setAnnotation(ObjectNode image, String key, String value) {
        ObjectNode metadata = image.get("metadata") instanceof ObjectNode m ? m : image.putObject("metadata");
        ObjectNode annotations = metadata.get("annotations") instanceof ObjectNode a ? a : metadata.putObject("annotations");
        annotations.put(key, value);
    }

    private static void removeNulls(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> nulls = new ArrayList<>();
            o.properties().forEach(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    removeNulls(e.getValue());
                }
            });
            o.remove(nulls);
        } else if (node instanceof ArrayNode a) {
            a.forEach(ImageContent::removeNulls);
        }
    }

    private static Map<String, Type> orderedMap(Object... keysAndTypes) {
        Map<String, Type> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndTypes.length; i += 2) {
            map.put((String) keysAndTypes[i], (Type) keysAndTypes[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
