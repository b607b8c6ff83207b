package dev.ism.function.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Manifest} and {@link Descriptor} decoded as OpenShift's {@code DockerImageManifest}. */
class ManifestTest {

    @Test
    void imageManifestWithConfigAndLayers() {
        Manifest m = Manifest.TYPE.decode("""
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"c","size":7,"digest":"sha256:c"},
                 "layers":[{"mediaType":"l","size":3,"digest":"sha256:l","annotations":{"a":"b"}},null]}""").orElseThrow();
        assertEquals(new Manifest(2, Manifest.OCI_MANIFEST, new Descriptor("c", 7, "sha256:c"),
                List.of(new Descriptor("l", 3, "sha256:l"), new Descriptor("", 0, ""))), m);
        assertTrue(m.isImage());
    }

    @Test
    void withoutMediaTypeOrConfigTheZeroValues() {
        Manifest m = Manifest.TYPE.decode("{\"schemaVersion\":2}").orElseThrow();
        assertEquals(new Manifest(2, "", new Descriptor("", 0, ""), List.of()), m);
        assertTrue(m.isImage(), "a schema 2 manifest without media type is an image manifest");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\",\"manifests\":[]}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\"}",
        "{\"schemaVersion\":1,\"name\":\"ruby\",\"tag\":\"latest\",\"fsLayers\":[{\"blobSum\":\"sha256:a\"}],\"history\":[]}",
        "{\"schemaVersion\":3}",
        "{}",
    })
    void listsSchema1AndUnknownVersionsAreNoImageManifest(String raw) {
        assertFalse(Manifest.TYPE.decode(raw).orElseThrow().isImage(), raw);
    }

    /** The schema 1 fields are typed in Go's struct too: a wrong type there fails the whole manifest. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"schemaVersion\":2,\"name\":1}", "{\"schemaVersion\":2,\"tag\":[]}", "{\"schemaVersion\":2,\"architecture\":{}}",
        "{\"schemaVersion\":2,\"fsLayers\":[{\"blobSum\":1}]}", "{\"schemaVersion\":2,\"history\":[{\"v1Compatibility\":{}}]}",
        "{\"schemaVersion\":2,\"history\":[\"x\"]}", "{\"schemaVersion\":\"2\"}", "{\"schemaVersion\":2,\"config\":[]}",
        "{\"schemaVersion\":2,\"layers\":[{\"digest\":5}]}", "{\"schemaVersion\":2,\"layers\":{}}",
    })
    void wrongTypesAnywhereFailTheDecoding(String raw) {
        assertEquals(Optional.empty(), Manifest.TYPE.decode(raw), raw);
    }
}
