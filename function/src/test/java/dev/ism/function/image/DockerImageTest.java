package dev.ism.function.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ImageConfig} decoded and converted to the {@link DockerImage} of the Image's metadata. */
class DockerImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every DockerConfig field set, keys in another order and case than the Go struct's, plus one it does not have. */
    private static final String FULL_CONFIG = """
            {"labels":{"b":"2","a":"1"},"ONBUILD":["RUN x"],"SecurityOpts":["o"],"NetworkDisabled":true,
             "Entrypoint":["/e"],"WorkingDir":"/w","VolumesFrom":"v","Volumes":{"/data":{}},"Image":"i","Dns":["d"],
             "Cmd":["c"],"Env":["E=1"],"StdinOnce":true,"OpenStdin":true,"Tty":true,"ExposedPorts":{"80/tcp":{}},
             "PortSpecs":["p"],"AttachStderr":true,"AttachStdout":true,"AttachStdin":true,"Cpuset":"0-1",
             "CpuShares":2,"MemorySwap":-1,"Memory":3000000000,"User":"u","Domainname":"dn","Hostname":"h",
             "StopSignal":"SIGTERM"}""";

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode metadata(String config, String version) {
        return DockerImage.of(ImageConfig.TYPE.decode(config).orElseThrow(), "sha256:id", 42).json(version);
    }

    @Test
    void everyDockerConfigFieldInTheGoStructsOrder() {
        ObjectNode config = metadata("{\"config\":" + FULL_CONFIG + "}", "1.0").with("Config");
        assertEquals(List.of("Hostname", "Domainname", "User", "Memory", "MemorySwap", "CpuShares", "Cpuset",
                "AttachStdin", "AttachStdout", "AttachStderr", "PortSpecs", "ExposedPorts", "Tty", "OpenStdin",
                "StdinOnce", "Env", "Cmd", "Dns", "Image", "Volumes", "VolumesFrom", "WorkingDir", "Entrypoint",
                "NetworkDisabled", "SecurityOpts", "OnBuild", "Labels"), names(config));
        assertEquals(3_000_000_000L, config.get("Memory").longValue());
        assertEquals(json("{\"a\":\"1\",\"b\":\"2\"}"), config.get("Labels"));
        assertEquals(json("{\"80/tcp\":{}}"), config.get("ExposedPorts"));
    }

    @Test
    void metadataInVersion10() {
        ObjectNode m = metadata("""
                {"id":"ignored","parent":"p","comment":"c","created":"2026-02-03T04:05:06.9+02:00","container":"k",
                 "container_config":{"Cmd":["sh"]},"docker_version":"24","author":"a","config":{},
                 "architecture":"amd64","os":"linux","size":1}""", "1.0");
        assertEquals(json("""
                {"kind":"DockerImage","apiVersion":"image.openshift.io/1.0","Id":"sha256:id","Parent":"p","Comment":"c",
                 "Created":"2026-02-03T02:05:06Z","Container":"k","ContainerConfig":{"Cmd":["sh"]},"DockerVersion":"24",
                 "Author":"a","Config":{},"Architecture":"amd64","Size":42}"""), m);
        assertEquals(List.of("kind", "apiVersion", "Id", "Parent", "Comment", "Created", "Container", "ContainerConfig",
                "DockerVersion", "Author", "Config", "Architecture", "Size"), names(m));
    }

    @Test
    void metadataInVersionPre012HasItsOwnNamesAndNoLabels() {
        ObjectNode m = metadata("{\"created\":\"2026-01-01T00:00:00Z\",\"docker_version\":\"1\",\"container\":\"k\","
                + "\"container_config\":{\"Labels\":{\"a\":\"1\"},\"User\":\"u\"},\"config\":" + FULL_CONFIG + "}", "pre012");
        assertEquals(List.of("kind", "apiVersion", "id", "created", "container", "container_config", "docker_version",
                "config", "size"), names(m));
        assertEquals("image.openshift.io/pre012", m.get("apiVersion").textValue());
        assertEquals(json("{\"User\":\"u\"}"), m.get("container_config"));
        assertFalse(m.get("config").has("Labels"));
        assertEquals(26, m.get("config").size(), "every other field is kept");
    }

    @Test
    void emptyConfigKeepsIdAndContainerConfigOnly() {
        ObjectNode m = DockerImage.of(ImageConfig.TYPE.decode("{}").orElseThrow(), "", 0).json("1.0");
        assertEquals(json("{\"kind\":\"DockerImage\",\"apiVersion\":\"image.openshift.io/1.0\",\"Id\":\"\",\"ContainerConfig\":{}}"), m);
        assertNull(ImageConfig.TYPE.decode("{\"config\":null}").orElseThrow().config(), "a nil *DockerConfig");
    }

    /** {@code metav1.Time} keeps whole seconds, in UTC; Go's zero time is written as null, that is, left out. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
        "2026-02-03T04:05:06.999+02:00, 2026-02-03T02:05:06Z",
        "2026-02-03T4:05:06Z,           2026-02-03T04:05:06Z",
        "9999-12-31T23:00:00-24:00,     10000-01-01T23:00:00Z",
        "0001-01-01T00:00:00Z,          none",
        "0001-01-01T00:00:00.5Z,        none",
        "0001-01-01T01:00:00+01:00,     none",
        "0000-12-31T23:59:59Z,          0000-12-31T23:59:59Z",
    })
    void createdAsStored(String created, String expected) {
        JsonNode stored = metadata("{\"created\":\"" + created + "\"}", "1.0").get("Created");
        assertEquals(expected, stored == null ? null : stored.textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"created\":\"2026-02-03\"}", "{\"history\":[{\"created\":\"now\"}]}", "{\"history\":[{\"empty_layer\":1}]}",
        "{\"rootfs\":{\"diff_ids\":\"x\"}}", "{\"rootfs\":[]}", "{\"os.features\":[1]}", "{\"os.version\":1}",
        "{\"id\":1}", "{\"size\":\"1\"}", "{\"container_config\":[]}", "{\"config\":{\"Memory\":1.5}}",
        "{\"config\":{\"Volumes\":[\"/data\"]}}", "{\"config\":{\"Tty\":\"true\"}}",
    })
    void configsGoWouldNotDecode(String raw) {
        assertEquals(Optional.empty(), ImageConfig.TYPE.decode(raw), raw);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
