package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.assertStatus;
import static dev.ism.function.e2e.E2e.digest;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.getImage;
import static dev.ism.function.e2e.E2e.image;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static dev.ism.function.e2e.E2e.registryPush;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Section 3, read back through {@code GET /apis/image.openshift.io/v1/images/{name}}: the Image is
 * created when absent (uid, creationTimestamp), completed from its manifest and config, stored
 * without manifest and config when the registry says it keeps the blobs, and never changed after.
 */
class ImageCreationTest {

    private static final Api API = Api.shared();
    private static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private static String fresh(Via via, String prefix) {
        String ns = Api.unique(prefix + "-" + via.name().toLowerCase().replace('_', '-'));
        API.createStream(ns, "ruby");
        return ns;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void registryPushIsFilledFromManifestAndConfigAndKeepsNoBlobs(Via via) {
        String ns = fresh(via, "image");
        ObjectNode push = registryPush(ns, "ruby", "latest");
        String name = digest("push" + ns);
        ((ObjectNode) image(push).get("metadata")).put("name", name);
        image(push).putArray("dockerImageLayers"); // the layers must come from the manifest
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), push));

        JsonNode stored = getImage(API, name);
        assertEquals("Image", stored.path("kind").asText());
        assertEquals("image.openshift.io/v1", stored.path("apiVersion").asText());
        assertEquals(name, stored.at("/metadata/name").asText());
        assertFalse(stored.at("/metadata/uid").asText().isEmpty(), stored.toString());
        Instant.parse(stored.at("/metadata/creationTimestamp").asText());
        assertEquals(image(push).path("dockerImageReference"), stored.path("dockerImageReference"));
        assertEquals("ascending", stored.at("/metadata/annotations/image.openshift.io~1dockerLayersOrder").asText());
        assertEquals("true", stored.at("/metadata/annotations/openshift.io~1image.managed").asText());

        JsonNode layers = stored.path("dockerImageLayers");
        assertEquals(2, layers.size(), stored.toString());
        assertEquals("sha256:ac935512189f67704d6a8c1e6699766423074b1977f5ff43a5760a8a3ff343bf", layers.at("/0/name").asText());
        assertEquals(79211512, layers.at("/0/size").asLong());
        assertEquals("application/vnd.docker.image.rootfs.diff.tar.gzip", layers.at("/0/mediaType").asText());
        assertEquals("sha256:fae2f75ada840ba123ace99257e80b4b5ada1936ec73818869069e16f4ac1a14", layers.at("/1/name").asText());
        assertEquals(1838, layers.at("/1/size").asLong());
        assertEquals(DOCKER_V2, stored.path("dockerImageManifestMediaType").asText());

        JsonNode metadata = stored.path("dockerImageMetadata");
        assertEquals("DockerImage", metadata.path("kind").asText(), stored.toString());
        assertEquals("sha256:d9e394b7316990a0f95fcd9a2bad3a0a85aeea2d54282552bfbbea7aa1ad63d3", metadata.path("Id").asText());
        assertEquals("amd64", metadata.path("Architecture").asText());
        int configBytes = image(push).path("dockerImageConfig").asText().getBytes(StandardCharsets.UTF_8).length;
        assertEquals(configBytes + 79211512L + 1838L, metadata.path("Size").asLong());
        assertEquals("/opt/app-root/src", metadata.at("/Config/WorkingDir").asText());
        assertEquals("1001", metadata.at("/Config/User").asText());
        assertEquals("1.0", stored.path("dockerImageMetadataVersion").asText());

        // manifestBlobStored: the registry keeps manifest and config, the Image does not
        assertFalse(stored.has("dockerImageManifest"), stored.toString());
        assertFalse(stored.has("dockerImageConfig"), stored.toString());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void ociImageWithoutBlobStoredKeepsManifestAndConfig(Via via) {
        String ns = fresh(via, "image");
        String manifest = E2e.text("/manifests/oci-manifest.json");
        String config = E2e.text("/manifests/oci-config.json");
        String name = digest("oci" + ns);
        ObjectNode m = mapping(ns, "ruby", "latest", name, "quay.io/e2e/oci@" + name);
        image(m).put("dockerImageManifest", manifest);
        image(m).put("dockerImageConfig", config);
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), m));

        JsonNode stored = getImage(API, name);
        assertEquals(manifest, stored.path("dockerImageManifest").asText());
        assertEquals(config, stored.path("dockerImageConfig").asText());
        assertEquals(OCI_MANIFEST, stored.path("dockerImageManifestMediaType").asText());
        JsonNode layers = stored.path("dockerImageLayers");
        assertEquals(List.of("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), "sha256:" + "c".repeat(64)),
                List.of(layers.at("/0/name").asText(), layers.at("/1/name").asText(), layers.at("/2/name").asText()));
        assertEquals("application/vnd.oci.image.layer.v1.tar+zstd", layers.at("/1/mediaType").asText());
        assertEquals(200, layers.at("/1/size").asLong());
        JsonNode metadata = stored.path("dockerImageMetadata");
        assertEquals("sha256:e18c4601e5f9704f23a4ffd94a51893b1b7e4df15f4bd97058a0052d9294fa10", metadata.path("Id").asText());
        assertEquals("arm64", metadata.path("Architecture").asText());
        assertEquals(config.getBytes(StandardCharsets.UTF_8).length + 3000L + 200L + 10L, metadata.path("Size").asLong());
        assertEquals("ascending", stored.at("/metadata/annotations/image.openshift.io~1dockerLayersOrder").asText());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anExistingImageIsNeverChanged(Via via) {
        String ns = fresh(via, "image");
        API.createStream(ns, "other");
        String name = digest("immutable" + ns);
        ObjectNode first = registryPush(ns, "ruby", "latest");
        ((ObjectNode) image(first).get("metadata")).put("name", name);
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), first));
        JsonNode original = getImage(API, name);

        // same name, other content: another reference, layers, labels, annotations, manifest, metadata
        ObjectNode second = mapping(ns, "other", "v2", name, "quay.io/elsewhere/other@" + name);
        ((ObjectNode) image(second).get("metadata")).putObject("labels").put("changed", "yes");
        ((ObjectNode) image(second).get("metadata")).putObject("annotations").put("example.com/note", "different");
        image(second).putArray("dockerImageLayers").addObject()
                .put("name", "sha256:" + "d".repeat(64)).put("size", 5).put("mediaType", "application/vnd.oci.image.layer.v1.tar");
        image(second).putObject("dockerImageMetadata").put("kind", "DockerImage").put("apiVersion", "image.openshift.io/1.0")
                .put("Architecture", "s390x").put("Size", 5);
        image(second).put("dockerImageManifest", E2e.text("/manifests/oci-manifest.json"));
        image(second).put("dockerImageManifestMediaType", OCI_MANIFEST);
        assertExactly(example("response-201-success.json"), post(API, via, mappings(ns), second));
        assertEquals(original, getImage(API, name));

        // the mapping itself still happened, with the request's reference (the image is not managed)
        JsonNode event = E2e.items(E2e.getStream(API, ns, "other"), "v2").get(0);
        assertEquals("quay.io/elsewhere/other@" + name, event.path("dockerImageReference").asText());
        assertEquals(name, event.path("image").asText());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aMissingImageIs404(Via via) {
        String name = digest("no-such-image" + via);
        JsonNode status = assertStatus(API.get(via, Api.REGISTRY_TOKEN, E2e.image(name)), 404);
        assertEquals("images.image.openshift.io \"" + name + "\" not found", status.path("message").asText());
        assertEquals("NotFound", status.path("reason").asText());
        assertEquals(name, status.at("/details/name").asText());
        assertEquals("image.openshift.io", status.at("/details/group").asText());
        assertEquals("images", status.at("/details/kind").asText());
        assertTrue(status.path("details").size() == 3, status.toString());
    }
}
