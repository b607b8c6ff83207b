package dev.ism.function.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageCompletionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String LAYER_1 = "sha256:ac935512189f67704d6a8c1e6699766423074b1977f5ff43a5760a8a3ff343bf";
    private static final String LAYER_2 = "sha256:fae2f75ada840ba123ace99257e80b4b5ada1936ec73818869069e16f4ac1a14";
    private static final String CONFIG_DIGEST = "sha256:d9e394b7316990a0f95fcd9a2bad3a0a85aeea2d54282552bfbbea7aa1ad63d3";
    private static final long REGISTRY_PUSH_SIZE = 79211512L + 1838L + 726L;

    private static final String OCI_CONFIG_DIGEST = "sha256:e18c4601e5f9704f23a4ffd94a51893b1b7e4df15f4bd97058a0052d9294fa10";
    private static final long OCI_CONFIG_SIZE = 707;

    private static String resource(String name) {
        try (InputStream in = ImageCompletionTest.class.getResourceAsStream("/manifests/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image of the spec's registry-push example. */
    private static ObjectNode registryPushImage() {
        return (ObjectNode) json(resource("ism-registry-push-schema2.json")).get("image");
    }

    /** An image carrying the test OCI manifest and config, nothing derived from them. */
    private static ObjectNode ociImage() {
        ObjectNode image = JSON.createObjectNode();
        image.putObject("metadata").put("name", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        image.put("dockerImageReference", "quay.io/example/server@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        image.put("dockerImageManifest", resource("oci-manifest.json"));
        image.put("dockerImageConfig", resource("oci-config.json"));
        return image;
    }

    private static List<String> layerNames(JsonNode image) {
        List<String> names = new ArrayList<>();
        image.get("dockerImageLayers").forEach(l -> names.add(l.get("name").asText()));
        return names;
    }

    private static String annotation(JsonNode image, String key) {
        return image.path("metadata").path("annotations").path(key).asText(null);
    }

    // ---- the registry push (Docker schema 2) -------------------------------------------------------

    @Test
    void registryPushIsCompletedFromManifestAndConfig() {
        ObjectNode request = registryPushImage();
        ObjectNode before = request.deepCopy();

        ObjectNode image = ImageCompletion.complete(request);

        assertEquals(before, request, "the request is not modified");
        assertEquals("Image", image.get("kind").asText());
        assertEquals("image.openshift.io/v1", image.get("apiVersion").asText());
        assertEquals(request.get("metadata").get("name"), image.get("metadata").get("name"));
        assertEquals(request.get("dockerImageReference"), image.get("dockerImageReference"));
        assertEquals(List.of(LAYER_1, LAYER_2), layerNames(image));
        assertEquals(79211512L, image.get("dockerImageLayers").get(0).get("size").asLong());
        assertEquals("application/vnd.docker.image.rootfs.diff.tar.gzip",
                image.get("dockerImageLayers").get(1).get("mediaType").asText());
        assertEquals(DOCKER_V2, image.get("dockerImageManifestMediaType").asText());
        assertEquals("1.0", image.get("dockerImageMetadataVersion").asText());
        assertEquals("ascending", annotation(image, "image.openshift.io/dockerLayersOrder"));
        assertEquals("true", annotation(image, "openshift.io/image.managed"));

        JsonNode metadata = image.get("dockerImageMetadata");
        assertEquals("DockerImage", metadata.get("kind").asText());
        assertEquals("image.openshift.io/1.0", metadata.get("apiVersion").asText());
        assertEquals(CONFIG_DIGEST, metadata.get("Id").asText());
        assertEquals("2026-01-15T10:21:07Z", metadata.get("Created").asText());
        assertEquals("amd64", metadata.get("Architecture").asText());
        assertEquals(REGISTRY_PUSH_SIZE, metadata.get("Size").asLong());
        assertEquals(JSON.createObjectNode(), metadata.get("ContainerConfig"));
        assertFalse(metadata.has("Os"), "OpenShift's DockerImage has no OS field");
        assertEquals(json("""
                {"User":"1001","ExposedPorts":{"8080/tcp":{}},
                 "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","APP_ROOT=/opt/app-root"],
                 "Cmd":["/usr/bin/run"],"WorkingDir":"/opt/app-root/src",
                 "Labels":{"io.openshift.build.name":"ruby-1"}}"""), metadata.get("Config"));
        assertEquals(List.of("kind", "apiVersion", "Id", "Created", "ContainerConfig", "Config", "Architecture", "Size"),
                fieldNames(metadata));
    }

    @Test
    void manifestBlobStoredDropsManifestAndConfig() {
        ObjectNode image = ImageCompletion.complete(registryPushImage());
        assertFalse(image.has("dockerImageManifest"));
        assertFalse(image.has("dockerImageConfig"));
        assertEquals(REGISTRY_PUSH_SIZE, image.get("dockerImageMetadata").get("Size").asLong(),
                "the metadata is still computed from them");
    }

    @Test
    void withoutManifestBlobStoredManifestAndConfigAreKept() {
        ObjectNode request = registryPushImage();
        ((ObjectNode) request.get("metadata").get("annotations")).remove("image.openshift.io/manifestBlobStored");

        ObjectNode image = ImageCompletion.complete(request);

        assertEquals(request.get("dockerImageManifest"), image.get("dockerImageManifest"));
        assertEquals(request.get("dockerImageConfig"), image.get("dockerImageConfig"));
        assertEquals(REGISTRY_PUSH_SIZE, image.get("dockerImageMetadata").get("Size").asLong());
    }

    @Test
    void registryPushWithoutLayersGetsThemFromTheManifest() {
        ObjectNode request = registryPushImage();
        request.remove("dockerImageLayers");
        request.remove("dockerImageManifestMediaType");
        ((ObjectNode) request.get("metadata")).remove("annotations");

        ObjectNode image = ImageCompletion.complete(request);

        assertEquals(ImageCompletion.complete(registryPushImage()).get("dockerImageLayers"), image.get("dockerImageLayers"));
        assertEquals(DOCKER_V2, image.get("dockerImageManifestMediaType").asText());
        assertEquals("ascending", annotation(image, "image.openshift.io/dockerLayersOrder"));
        assertEquals(REGISTRY_PUSH_SIZE, image.get("dockerImageMetadata").get("Size").asLong());
        assertEquals(request.get("dockerImageManifest"), image.get("dockerImageManifest"));
    }

    @Test
    void fieldsComeInTheServersOrder() {
        ObjectNode request = registryPushImage();
        ((ObjectNode) request.get("metadata").get("annotations")).remove("image.openshift.io/manifestBlobStored");
        assertEquals(List.of("kind", "apiVersion", "metadata", "dockerImageReference", "dockerImageMetadata",
                        "dockerImageMetadataVersion", "dockerImageManifest", "dockerImageLayers",
                        "dockerImageManifestMediaType", "dockerImageConfig"),
                fieldNames(ImageCompletion.complete(request)));
    }

    /** The metadata's Size counts the config's UTF-8 bytes, as Go's len of the string: 2, 3 and 4 for these characters. */
    @Test
    void sizeCountsTheConfigsUtf8Bytes() {
        ObjectNode request = ociImage();
        String config = resource("oci-config.json").replace("\"server\"", "\"s\u00e9rver \u20ac\ud83d\ude00\"");
        request.put("dockerImageConfig", config);
        assertEquals(OCI_CONFIG_SIZE + 1 + 1 + 3 + 4, config.getBytes(StandardCharsets.UTF_8).length);

        JsonNode metadata = ImageCompletion.complete(request).get("dockerImageMetadata");

        assertEquals("s\u00e9rver \u20ac\ud83d\ude00", metadata.get("Config").get("Labels").get("org.opencontainers.image.title").asText());
        assertEquals(OCI_CONFIG_SIZE + 9 + 3000 + 200 + 10, metadata.get("Size").asLong());
    }

    // ---- OCI ---------------------------------------------------------------------------------------

    @Test
    void ociManifestAndConfig() {
        assertEquals(OCI_CONFIG_SIZE, resource("oci-config.json").getBytes(StandardCharsets.UTF_8).length);

        ObjectNode image = ImageCompletion.complete(ociImage());

        assertEquals(List.of(
                        "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                        "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"),
                layerNames(image));
        assertEquals(json("""
                {"name":"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","size":200,
                 "mediaType":"application/vnd.oci.image.layer.v1.tar+zstd"}"""), image.get("dockerImageLayers").get(1));
        assertEquals(OCI_MANIFEST, image.get("dockerImageManifestMediaType").asText());
        assertEquals("ascending", annotation(image, "image.openshift.io/dockerLayersOrder"));
        assertEquals("1.0", image.get("dockerImageMetadataVersion").asText());
        assertTrue(image.has("dockerImageManifest"), "kept without manifestBlobStored");

        assertEquals(json("""
                {"kind":"DockerImage","apiVersion":"image.openshift.io/1.0",
                 "Id":"%s","Created":"2026-02-03T02:05:06Z","ContainerConfig":{},"Author":"ism tests",
                 "Config":{"User":"65532","Env":["PATH=/usr/bin:/bin"],"Volumes":{"/data":{}},"WorkingDir":"/app",
                           "Entrypoint":["/app/server"],
                           "Labels":{"a.label":"1","b.label":"2","org.opencontainers.image.title":"server"}},
                 "Architecture":"arm64","Size":%d}""".formatted(OCI_CONFIG_DIGEST, OCI_CONFIG_SIZE + 3000 + 200 + 10)),
                image.get("dockerImageMetadata"));
        assertEquals(List.of("User", "Env", "Volumes", "WorkingDir", "Entrypoint", "Labels"),
                fieldNames(image.get("dockerImageMetadata").get("Config")), "DockerConfig's field order");
        assertEquals(List.of("a.label", "b.label", "org.opencontainers.image.title"),
                fieldNames(image.get("dockerImageMetadata").get("Config").get("Labels")), "map keys sorted");
    }

    static Stream<Arguments> manifestWithoutMediaType() {
        return Stream.of(
                Arguments.of("none given: Docker schema 2", null, DOCKER_V2),
                Arguments.of("OCI given: kept", OCI_MANIFEST, OCI_MANIFEST),
                Arguments.of("Docker given: kept", DOCKER_V2, DOCKER_V2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestWithoutMediaType")
    void manifestWithoutMediaType(String description, String given, String expected) {
        ObjectNode manifest = json(resource("oci-manifest.json"));
        manifest.remove("mediaType");
        ObjectNode request = ociImage();
        request.put("dockerImageManifest", manifest.toString());
        if (given != null) {
            request.put("dockerImageManifestMediaType", given);
        }

        ObjectNode image = ImageCompletion.complete(request);

        assertEquals(expected, image.get("dockerImageManifestMediaType").asText());
        assertEquals(3, image.get("dockerImageLayers").size());
        assertEquals(OCI_CONFIG_DIGEST, image.get("dockerImageMetadata").get("Id").asText());
    }

    // ---- content left as given -------------------------------------------------------------------

    /** The request's image as stored when nothing is derived: kind and apiVersion first, version defaulted. */
    private static ObjectNode asGiven(ObjectNode request) {
        ObjectNode expected = JSON.createObjectNode();
        expected.put("kind", "Image");
        expected.put("apiVersion", "image.openshift.io/v1");
        expected.setAll(request.deepCopy());
        if (!expected.has("dockerImageMetadataVersion")) {
            expected.put("dockerImageMetadataVersion", "1.0");
        }
        return expected;
    }

    static Stream<Arguments> leftAlone() {
        return Stream.of(
                Arguments.of("Docker manifest list", resource("manifest-list.json")),
                Arguments.of("OCI index", resource("manifest-list.json")
                        .replace("application/vnd.docker.distribution.manifest.list.v2+json",
                                "application/vnd.oci.image.index.v1+json")),
                Arguments.of("invalid JSON", "{\"schemaVersion\": 2, \"layers\": ["),
                Arguments.of("trailing garbage", "{\"schemaVersion\": 2} {}"),
                Arguments.of("not an object", "[1, 2]"),
                Arguments.of("JSON null", "null"),
                Arguments.of("wrong types (size as a string)",
                        "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:x\",\"size\":\"7\"},\"layers\":[]}"),
                Arguments.of("schema 1", "{\"schemaVersion\":1,\"name\":\"ruby\",\"tag\":\"latest\",\"fsLayers\":[],\"history\":[]}"),
                Arguments.of("unknown schema version", "{\"schemaVersion\":3,\"layers\":[]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leftAlone")
    void unusableOrListManifestLeavesFieldsAlone(String description, String manifest) {
        ObjectNode request = JSON.createObjectNode();
        request.putObject("metadata").put("name", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        request.put("dockerImageReference", "quay.io/example/multi@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        request.putObject("dockerImageMetadata").put("kind", "DockerImage").put("apiVersion", "image.openshift.io/1.0")
                .put("Id", "sha256:given");
        request.put("dockerImageManifest", manifest);
        request.put("dockerImageManifestMediaType", "application/vnd.docker.distribution.manifest.list.v2+json");
        request.put("dockerImageConfig", resource("oci-config.json"));
        request.putArray("dockerImageLayers");
        request.putArray("dockerImageManifests").addObject()
                .put("digest", "sha256:c6d1c61b1e3c3e3f8295927ceca1cc570667319e3d75ee2b30006ee0001f7b49")
                .put("mediaType", DOCKER_V2).put("manifestSize", 529).put("architecture", "amd64").put("os", "linux");

        assertEquals(asGiven(request), ImageCompletion.complete(request));
    }

    @Test
    void missingConfigFillsLayersButNotMetadata() {
        ObjectNode request = ociImage();
        request.remove("dockerImageConfig");
        request.putObject("dockerImageMetadata").put("kind", "DockerImage").put("Id", "sha256:given");

        ObjectNode image = ImageCompletion.complete(request);

        assertEquals(3, image.get("dockerImageLayers").size());
        assertEquals(OCI_MANIFEST, image.get("dockerImageManifestMediaType").asText());
        assertEquals(request.get("dockerImageMetadata"), image.get("dockerImageMetadata"));
    }

    static Stream<Arguments> unusableConfigs() {
        return Stream.of(
                Arguments.of("invalid JSON", "{\"architecture\":"),
                Arguments.of("Cmd as a string", "{\"config\":{\"Cmd\":\"/bin/sh\"}}"),
                Arguments.of("created not RFC 3339", "{\"created\":\"yesterday\"}"),
                Arguments.of("size not an integer", "{\"size\":1.5}"),
                Arguments.of("Labels with a number", "{\"config\":{\"Labels\":{\"a\":1}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableConfigs")
    void unusableConfigLeavesMetadataAsGiven(String description, String config) {
        ObjectNode request = ociImage();
        request.put("dockerImageConfig", config);
        ObjectNode image = ImageCompletion.complete(request);
        assertFalse(image.has("dockerImageMetadata"));
        assertEquals(3, image.get("dockerImageLayers").size());
    }

    // ---- layers order, sizes, shortcuts -----------------------------------------------------------

    static Stream<Arguments> givenLayerOrders() {
        return Stream.of(
                Arguments.of("annotation ascending: kept", "ascending", DOCKER_V2, List.of(LAYER_1, LAYER_2)),
                Arguments.of("annotation descending: reversed", "descending", DOCKER_V2, List.of(LAYER_2, LAYER_1)),
                Arguments.of("no annotation, schema 2 type: taken as descending", null, DOCKER_V2, List.of(LAYER_2, LAYER_1)),
                Arguments.of("no annotation, OCI type: taken as descending", null, OCI_MANIFEST, List.of(LAYER_2, LAYER_1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("givenLayerOrders")
    void givenLayersAreOrderedAscending(String description, String order, String mediaType, List<String> expected) {
        ObjectNode request = registryPushImage();
        ObjectNode annotations = (ObjectNode) request.get("metadata").get("annotations");
        annotations.remove("image.openshift.io/dockerLayersOrder");
        if (order != null) {
            annotations.put("image.openshift.io/dockerLayersOrder", order);
        }
        request.put("dockerImageManifestMediaType", mediaType);

        ObjectNode image = ImageCompletion.complete(request);

        assertEquals(expected, layerNames(image));
        assertEquals("ascending", annotation(image, "image.openshift.io/dockerLayersOrder"));
        assertEquals(REGISTRY_PUSH_SIZE, image.get("dockerImageMetadata").get("Size").asLong());
    }

    @Test
    void repeatedLayerCountsOnceInSize() {
        ObjectNode manifest = json(resource("oci-manifest.json"));
        ArrayNode layers = (ArrayNode) manifest.get("layers");
        layers.add(layers.get(0).deepCopy());
        ObjectNode request = ociImage();
        request.put("dockerImageManifest", manifest.toString());

        ObjectNode image = ImageCompletion.complete(request);

        assertEquals(4, image.get("dockerImageLayers").size());
        assertEquals(OCI_CONFIG_SIZE + 3000 + 200 + 10, image.get("dockerImageMetadata").get("Size").asLong());
    }

    @Test
    void alreadyCompleteMetadataIsKept() {
        ObjectNode request = registryPushImage();
        ObjectNode given = request.putObject("dockerImageMetadata");
        given.put("kind", "DockerImage").put("apiVersion", "image.openshift.io/1.0").put("Id", "sha256:given").put("Size", 42);

        ObjectNode image = ImageCompletion.complete(request);

        assertEquals(given, image.get("dockerImageMetadata"));
        assertEquals(List.of(LAYER_1, LAYER_2), layerNames(image));
    }

    @Test
    void pre012MetadataUsesItsOwnKeys() {
        ObjectNode request = ociImage();
        request.put("dockerImageMetadataVersion", "pre012");

        JsonNode metadata = ImageCompletion.complete(request).get("dockerImageMetadata");

        assertEquals("image.openshift.io/pre012", metadata.get("apiVersion").asText());
        assertEquals(List.of("kind", "apiVersion", "id", "created", "container_config", "author", "config",
                "architecture", "size"), fieldNames(metadata));
        assertFalse(metadata.get("config").has("Labels"), "labels are not part of the pre012 form");
    }

    // ---- what is never stored ---------------------------------------------------------------------

    @Test
    void signaturesAreDropped() {
        ObjectNode request = registryPushImage();
        request.putArray("signatures").addObject().put("type", "atomic").put("content", "AAAA");
        request.putArray("dockerImageSignatures").add("AAAA");

        ObjectNode image = ImageCompletion.complete(request);

        assertFalse(image.has("signatures"));
        assertFalse(image.has("dockerImageSignatures"));
    }

    @Test
    void nullFieldsAreRemovedAndImageWithoutManifestKeepsItsMetadata() {
        ObjectNode request = JSON.createObjectNode();
        ObjectNode metadata = request.putObject("metadata");
        metadata.put("name", "sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac");
        metadata.putNull("annotations");
        request.put("dockerImageReference", "quay.io/example/nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac");
        request.putObject("dockerImageMetadata").put("kind", "DockerImage").put("Id", "sha256:given")
                .put("Size", 71234567).putNull("Parent");
        request.putNull("dockerImageManifest");
        request.putNull("dockerImageConfig");
        request.putArray("dockerImageLayers").addObject().put("name", "sha256:l1").put("size", 1).put("mediaType", "m");
        ObjectNode before = request.deepCopy();

        ObjectNode image = ImageCompletion.complete(request);

        // the kept metadata is a copy: its null removed there, not in the request's
        assertEquals(before, request, "the request is not modified");
        assertEquals(json("""
                {"kind":"Image","apiVersion":"image.openshift.io/v1",
                 "metadata":{"name":"sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"},
                 "dockerImageReference":"quay.io/example/nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac",
                 "dockerImageMetadata":{"kind":"DockerImage","Id":"sha256:given","Size":71234567},
                 "dockerImageMetadataVersion":"1.0",
                 "dockerImageLayers":[{"name":"sha256:l1","size":1,"mediaType":"m"}]}"""), image);
        assertEquals(71234567L, ImageCompletion.metadataSize(image));
    }

    /** The given metadata's size as Go fills the field; another type is left out, as if absent. */
    @Test
    void theGivenSizeIsReadAsGoReadsIt() {
        ObjectNode image = JSON.createObjectNode();
        ObjectNode metadata = image.putObject("dockerImageMetadata");
        assertEquals(0, ImageCompletion.metadataSize(image));
        metadata.put("size", 12);
        assertEquals(12, ImageCompletion.metadataSize(image), "pre012's name");
        metadata.put("Size", 13).putNull("SIZE");
        assertEquals(13, ImageCompletion.metadataSize(image), "the last key; null changes nothing");
        metadata.put("SIZE", "14");
        assertEquals(13, ImageCompletion.metadataSize(image), "a string is left out");
        metadata.put("SIZE", 1.5);
        assertEquals(13, ImageCompletion.metadataSize(image), "a fraction is left out");
        image.put("dockerImageMetadata", "x");
        assertEquals(0, ImageCompletion.metadataSize(image));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
