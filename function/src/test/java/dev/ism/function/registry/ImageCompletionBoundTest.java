package dev.ism.function.registry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.image.ImageCompletion;
import dev.ism.schema.Utf8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * {@link ImageCompletion#jsonBound}, with the registry's {@link ImageStreamMappingRest#SERVER_FIELDS_BYTES}, is never
 * under the JSON of the Image a write would store: a dry run trusts it to say that the Image fits, without completing
 * it. Checked on the example image and on random and hostile manifests and configs, most of which complete. A bound
 * of the request's image alone, with no more for what the completion adds, fails on the manifests of empty layers.
 */
class ImageCompletionBoundTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> DOCKER_CONFIG_STRINGS = List.of("Hostname", "Domainname", "User", "Cpuset", "Image",
            "VolumesFrom", "WorkingDir");
    private static final List<String> DOCKER_CONFIG_LONGS = List.of("Memory", "MemorySwap", "CpuShares");
    private static final List<String> DOCKER_CONFIG_BOOLS = List.of("AttachStdin", "AttachStdout", "AttachStderr", "Tty",
            "OpenStdin", "StdinOnce", "NetworkDisabled");
    private static final List<String> DOCKER_CONFIG_LISTS = List.of("PortSpecs", "Env", "Cmd", "Dns", "Entrypoint",
            "SecurityOpts", "OnBuild");
    private static final List<String> DOCKER_CONFIG_SETS = List.of("ExposedPorts", "Volumes");
    private static final List<String> MEDIA_TYPES = List.of("application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json", "", "x");

    @Test
    void theExampleImage() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/manifests/ism-registry-push-schema2.json")) {
            ObjectNode image = (ObjectNode) JSON.readTree(in).get("image");
            assertBounded(image);
            image.putArray("dockerImageLayers");
            image.remove("dockerImageMetadata");
            image.putObject("metadata").put("name", "sha256:x").putObject("annotations")
                    .put("image.openshift.io/manifestBlobStored", "false");
            assertBounded(image);
        }
    }

    /** Manifests of thousands of empty or null layers: each becomes a layer of 35 bytes and more from three characters. */
    @Test
    void manifestsOfEmptyLayers() {
        for (String layer : List.of("{}", "null", "{\"digest\":\"\"}")) {
            String manifest = "{\"schemaVersion\":2,\"config\":{},\"layers\":[" + String.join(",", Collections.nCopies(5000, layer)) + "]}";
            ObjectNode image = NODES.objectNode();
            image.putObject("metadata").put("name", "n");
            image.put("dockerImageManifest", manifest);
            image.put("dockerImageConfig", "{}");
            assertTrue(assertBounded(image), "completed");
        }
    }

    @Test
    void randomImages() {
        Random random = new Random(11);
        int completed = 0;
        int cases = 2000;
        for (int i = 0; i < cases; i++) {
            if (assertBounded(randomImage(random))) {
                completed++;
            }
        }
        assertTrue(completed > cases / 3, "completed from a config: " + completed + " of " + cases);
    }

    /** Asserts the bound; true when the image's metadata was made from its config (the completion ran to its end). */
    private static boolean assertBounded(ObjectNode image) {
        ObjectNode stored = ImageCompletion.complete(image);
        ObjectNode meta = stored.with("metadata"); // as ImageStreamMappingRest.newImage adds them
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("resourceVersion", "1");
        meta.put("creationTimestamp", "2026-12-06T23:59:59Z");
        long bytes;
        try {
            bytes = Utf8.length(JSON.writeValueAsString(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long bound = ImageCompletion.jsonBound(image, ImageStreamMappingRest.SERVER_FIELDS_BYTES);
        assertTrue(bound >= bytes, () -> "bound " + bound + " under " + bytes + " for " + image);
        return "DockerImage".equals(stored.path("dockerImageMetadata").path("kind").asText());
    }

    private static ObjectNode randomImage(Random r) {
        ObjectNode image = NODES.objectNode();
        ObjectNode metadata = image.putObject("metadata").put("name", "sha256:" + text(r));
        if (r.nextBoolean()) {
            metadata.putObject("annotations").put("image.openshift.io/manifestBlobStored", r.nextBoolean() ? "true" : "false");
        }
        if (r.nextBoolean()) {
            image.put("dockerImageReference", text(r));
        }
        if (r.nextInt(4) == 0) {
            ArrayNode layers = image.putArray("dockerImageLayers");
            for (int i = r.nextInt(3); i > 0; i--) {
                layers.addObject().put("name", text(r)).put("size", r.nextLong()).put("mediaType", text(r));
            }
        }
        if (r.nextInt(4) == 0) {
            image.putObject("dockerImageMetadata").put("Size", r.nextInt(1000));
        }
        if (r.nextBoolean()) {
            image.put("dockerImageMetadataVersion", List.of("", "1.0", "pre012").get(r.nextInt(3)));
        }
        if (r.nextBoolean()) {
            image.put("dockerImageManifestMediaType", pick(r, MEDIA_TYPES));
        }
        image.put("dockerImageManifest", manifest(r).toString());
        image.put("dockerImageConfig", config(r).toString());
        return image;
    }

    private static ObjectNode manifest(Random r) {
        ObjectNode m = NODES.objectNode().put("schemaVersion", r.nextInt(8) == 0 ? 1 : 2);
        if (r.nextBoolean()) {
            m.put("mediaType", pick(r, MEDIA_TYPES));
        }
        m.putObject("config").put("digest", text(r)).put("size", r.nextLong()).put("mediaType", text(r));
        ArrayNode layers = m.putArray("layers");
        for (int i = r.nextInt(6); i > 0; i--) {
            switch (r.nextInt(4)) {
                case 0 -> layers.addObject();
                case 1 -> layers.addNull();
                default -> layers.addObject().put("digest", text(r)).put("size", r.nextLong()).put("mediaType", text(r));
            }
        }
        return m;
    }

    private static ObjectNode config(Random r) {
        ObjectNode c = NODES.objectNode();
        for (String field : List.of("parent", "comment", "container", "docker_version", "author", "architecture", "os")) {
            if (r.nextBoolean()) {
                c.put(field, text(r));
            }
        }
        if (r.nextBoolean()) {
            c.put("created", List.of("2020-01-02T03:04:05Z", "2020-01-02T03:04:05.123456789+01:00", "0001-01-01T00:00:00Z")
                    .get(r.nextInt(3)));
        }
        if (r.nextBoolean()) {
            c.putArray("history").addObject().put("created_by", text(r)).put("empty_layer", r.nextBoolean());
        }
        for (String part : List.of("config", "container_config")) {
            if (r.nextInt(3) > 0) {
                c.set(part, dockerConfig(r));
            } else if (r.nextBoolean()) {
                c.putNull(part);
            }
        }
        return c;
    }

    private static ObjectNode dockerConfig(Random r) {
        ObjectNode d = NODES.objectNode();
        DOCKER_CONFIG_STRINGS.forEach(f -> maybe(r, () -> d.put(f, text(r))));
        DOCKER_CONFIG_LONGS.forEach(f -> maybe(r, () -> d.put(f, r.nextBoolean() ? Long.MIN_VALUE : r.nextInt(10))));
        DOCKER_CONFIG_BOOLS.forEach(f -> maybe(r, () -> d.put(f, r.nextBoolean())));
        DOCKER_CONFIG_LISTS.forEach(f -> maybe(r, () -> {
            ArrayNode list = d.putArray(f);
            for (int i = r.nextInt(4); i > 0; i--) {
                if (r.nextInt(3) == 0) {
                    list.addNull();
                } else {
                    list.add(text(r));
                }
            }
        }));
        DOCKER_CONFIG_SETS.forEach(f -> maybe(r, () -> {
            ObjectNode set = d.putObject(f);
            for (int i = r.nextInt(4); i > 0; i--) {
                if (r.nextBoolean()) {
                    set.putNull(text(r));
                } else {
                    set.putObject(text(r));
                }
            }
        }));
        maybe(r, () -> {
            ObjectNode labels = d.putObject("Labels");
            for (int i = r.nextInt(4); i > 0; i--) {
                if (r.nextBoolean()) {
                    labels.putNull(text(r));
                } else {
                    labels.put(text(r), text(r));
                }
            }
        });
        return d;
    }

    private static void maybe(Random r, Runnable put) {
        if (r.nextBoolean()) {
            put.run();
        }
    }

    private static String pick(Random r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** Short, and often of the characters written longest: quotes, backslashes, controls, non-ASCII, surrogate pairs. */
    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
            switch (r.nextInt(6)) {
                case 0 -> b.append((char) ('a' + r.nextInt(26)));
                case 1 -> b.append(r.nextBoolean() ? '"' : '\\');
                case 2 -> b.append((char) r.nextInt(0x20));
                case 3 -> b.append(r.nextBoolean() ? '\u00e9' : '\u20ac');
                case 4 -> b.append("\ud83d\ude00");
                default -> b.append((char) ('0' + r.nextInt(10)));
            }
        }
        return b.toString();
    }
}
