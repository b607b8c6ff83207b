package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.assertStatus;
import static dev.ism.function.e2e.E2e.bytes;
import static dev.ism.function.e2e.E2e.digest;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.getImage;
import static dev.ism.function.e2e.E2e.image;
import static dev.ism.function.e2e.E2e.items;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static dev.ism.function.e2e.E2e.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What DynamoDB's 400 KB item limit means for the API: an Image as large as a request may carry is
 * stored whole (compressed) or refused with a 413 naming the limit, and then nothing at all is
 * written; a tag history has no limit.
 */
class StorageLimitsTest {

    private static Api quiet;

    @BeforeAll
    static void start() {
        quiet = new Api(Map.of("ism.dynamodb.table-name", "ism-test-storage"));
    }

    @AfterAll
    static void stop() {
        quiet.close();
    }

    /** The OCI test manifest with an annotation of {@code bytes} random bytes (base64): it does not compress. */
    private static String incompressibleManifest(int bytes, long seed) {
        ObjectNode manifest = (ObjectNode) E2e.resource("/manifests/oci-manifest.json");
        byte[] random = new byte[bytes];
        new Random(seed).nextBytes(random);
        manifest.putObject("annotations").put("e2e.example.com/noise", Base64.getEncoder().encodeToString(random));
        return manifest.toString();
    }

    /** An image config whose environment is {@code approxBytes} of repeated text: it compresses well. */
    private static String compressibleConfig(int approxBytes) {
        ObjectNode config = E2e.JSON.createObjectNode();
        config.put("architecture", "amd64").put("os", "linux").put("created", "2026-01-15T10:21:07Z");
        ArrayNode env = config.putObject("config").putArray("Env");
        String value = "x".repeat(200);
        for (int i = 0; env.size() * 210 < approxBytes; i++) {
            env.add("VARIABLE_" + i + "=" + value);
        }
        return config.toString();
    }

    private static ObjectNode withManifest(String ns, String name, String manifest, String config) {
        ObjectNode m = mapping(ns, "ruby", "latest", name, "quay.io/e2e/large@" + name);
        image(m).put("dockerImageManifest", manifest);
        if (config != null) {
            image(m).put("dockerImageConfig", config);
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anIncompressibleImageOverTheItemLimitIs413AndNothingIsWritten(Via via) {
        String ns = Api.unique("storage");
        quiet.createStream(ns, "ruby");
        String name = digest("incompressible" + ns);
        ObjectNode m = withManifest(ns, name, incompressibleManifest(2_200_000, 1), E2e.text("/manifests/oci-config.json"));
        int size = bytes(m).length;
        assertTrue(size > 2_900_000 && size <= E2e.LIMIT, "a body near the request limit: " + size);
        Set<Map<String, AttributeValue>> before = snapshot(quiet);

        for (String query : new String[]{"?dryRun=All", ""}) {
            JsonNode status = assertStatus(post(quiet, via, mappings(ns) + query, m), 413);
            assertEquals("RequestEntityTooLarge", status.path("reason").asText());
            assertTrue(status.path("message").asText().startsWith("Request entity too large"), status.toString());
            assertTrue(status.path("message").asText().contains("390000"), "names the limit: " + status);
        }
        assertEquals(before, snapshot(quiet), "nothing at all is written");
        assertEquals(404, quiet.get(Via.HTTP, Api.REGISTRY_TOKEN, E2e.image(name)).code());
        assertTrue(items(E2e.getStream(quiet, ns, "ruby"), "latest").isEmpty());
    }

    /** Section 3: the content of an image that exists is ignored, so its size cannot be a reason to refuse. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void anExistingImageIsNotRefusedForTheSizeOfIgnoredContent(Via via) {
        Api api = Api.shared();
        String ns = Api.unique("storage");
        api.createStream(ns, "ruby");
        String name = digest("exists-small" + ns);
        assertExactly(example("response-201-success.json"),
                post(api, via, mappings(ns), mapping(ns, "ruby", "latest", name, "quay.io/e2e/large@" + name)));
        JsonNode original = getImage(api, name);

        ObjectNode big = withManifest(ns, name, incompressibleManifest(2_200_000, 3), E2e.text("/manifests/oci-config.json"));
        big.put("tag", "again");
        assertExactly(example("response-201-success.json"), post(api, via, mappings(ns) + "?dryRun=All", big));
        assertExactly(example("response-201-success.json"), post(api, via, mappings(ns), big));
        assertEquals(original, getImage(api, name));
        assertEquals(name, items(E2e.getStream(api, ns, "ruby"), "again").get(0).path("image").asText());
    }

    /** The same content fits when the registry keeps the blobs: manifest and config are not stored. */
    @ParameterizedTest
    @EnumSource(Via.class)
    void theSameImageFitsWhenTheBlobsAreStoredElsewhere(Via via) {
        Api api = Api.shared();
        String ns = Api.unique("storage");
        api.createStream(ns, "ruby");
        String name = digest("blob-stored" + ns);
        ObjectNode m = withManifest(ns, name, incompressibleManifest(2_200_000, 2), E2e.text("/manifests/oci-config.json"));
        ((ObjectNode) image(m).get("metadata")).putObject("annotations").put("image.openshift.io/manifestBlobStored", "true");
        assertExactly(example("response-201-success.json"), post(api, via, mappings(ns), m));
        JsonNode stored = getImage(api, name);
        assertFalse(stored.has("dockerImageManifest"));
        assertEquals(3, stored.path("dockerImageLayers").size());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aLargeCompressibleImageIsStoredAndReadBackWhole(Via via) throws Exception {
        Api api = Api.shared();
        String ns = Api.unique("storage");
        api.createStream(ns, "ruby");
        String name = digest("compressible" + ns);
        String manifest = E2e.text("/manifests/oci-manifest.json");
        String config = compressibleConfig(2_900_000);
        ObjectNode m = withManifest(ns, name, manifest, config);
        int size = bytes(m).length;
        assertTrue(size > 2_900_000 && size <= E2e.LIMIT, "a body near the request limit: " + size);

        assertExactly(example("response-201-success.json"), post(api, via, mappings(ns), m));
        JsonNode stored = getImage(api, name);
        assertEquals(manifest, stored.path("dockerImageManifest").asText());
        assertEquals(config, stored.path("dockerImageConfig").asText(), "the config is read back whole");
        JsonNode env = stored.at("/dockerImageMetadata/Config/Env");
        assertEquals(E2e.JSON.readTree(config).at("/config/Env"), env);
        assertEquals(name, items(E2e.getStream(api, ns, "ruby"), "latest").get(0).path("image").asText());
    }

    /** 300 events on one tag, each a new image and reference: all kept, newest first. */
    @Test
    void tagHistoryGrowsWithoutBound() {
        Api api = Api.shared();
        String ns = Api.unique("storage");
        api.createStream(ns, "ruby");
        int events = 300;
        for (int i = 0; i < events; i++) {
            Via via = Via.values()[i % Via.values().length];
            assertEquals(201, post(api, via, mappings(ns), mapping(ns, "ruby", "latest", "history-" + i + ns)).code());
        }
        for (Via via : Via.values()) {
            Api.Response r = api.get(via, Api.REGISTRY_TOKEN, E2e.stream(ns, "ruby"));
            assertEquals(200, r.code());
            List<JsonNode> items = items(r.json(), "latest");
            assertEquals(events, items.size());
            for (int k = 0; k < events; k++) {
                assertEquals(digest("history-" + (events - 1 - k) + ns), items.get(k).path("image").asText(), "items[" + k + "]");
            }
            assertEquals(events + 1, r.json().at("/metadata/resourceVersion").asLong());
        }
    }
}
