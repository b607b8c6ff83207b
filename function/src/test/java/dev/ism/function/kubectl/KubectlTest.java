package dev.ism.function.kubectl;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's kubectl walkthrough, command by command, with the real kubectl over HTTPS: create a
 * stream and map an image from the YAML files of {@code dev/kubectl/}, a server-side dry run,
 * {@code get is} (the Table), {@code get is ruby -o yaml}, {@code explain}; then refusals as kubectl
 * prints them. kubectl itself asks for discovery, {@code /version} and both OpenAPI documents (its
 * default validation needs the v2 one in protobuf) before it creates anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlTest extends KubectlSuite {

    static final Path STREAM_YAML = Path.of("../dev/kubectl/imagestream-ruby.yaml").toAbsolutePath().normalize();
    static final Path MAPPING_YAML = Path.of("../dev/kubectl/mapping-ruby.yaml").toAbsolutePath().normalize();
    static final String IMAGE = "sha256:5a6e4b1f0c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f";

    private static Kubectl.Run ok(String... args) {
        Kubectl.Run r = kubectl.run(args);
        assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r);
        return r;
    }

    @Test
    @Order(1)
    void versionReportsTheServer() {
        Kubectl.Run r = ok("version");
        assertTrue(r.out().contains("Server Version: v1.32.0"), r.toString());
    }

    @Test
    @Order(2)
    void createTheStreamFromYaml() {
        assertTrue(Files.isRegularFile(STREAM_YAML), STREAM_YAML.toAbsolutePath().toString());
        Kubectl.Run r = ok("create", "-n", ns, "-f", STREAM_YAML.toString());
        assertEquals("imagestream.image.openshift.io/ruby created\n", r.out(), r.toString());
    }

    @Test
    @Order(3)
    void serverDryRunOfTheMappingWritesNothing() {
        Kubectl.Run r = ok("create", "-n", ns, "--dry-run=server", "-f", MAPPING_YAML.toString());
        // the API answers a mapping with a Status (as OpenShift does), which kubectl names this way
        assertEquals("status/<unknown> created (server dry run)\n", r.out(), r.toString());
        Kubectl.Run stream = ok("get", "-n", ns, "is", "ruby", "-o", "jsonpath={.status.tags}");
        assertEquals("[]", stream.out().trim(), stream.toString());
    }

    @Test
    @Order(4)
    void createTheMappingFromYaml() {
        Kubectl.Run r = ok("create", "-n", ns, "-f", MAPPING_YAML.toString());
        assertEquals("status/<unknown> created\n", r.out(), r.toString());
    }

    @Test
    @Order(5)
    void getIsPrintsOpenShiftsColumns() {
        Kubectl.Run r = ok("get", "-n", ns, "is");
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.toString());
        assertEquals(List4.of("NAME", "IMAGE", "REPOSITORY", "TAGS", "UPDATED"), List4.words(lines[0]));
        assertTrue(lines[1].matches("ruby\\s+3\\.3\\s+(Less than a second|\\d+ seconds?) ago"), r.toString());
    }

    @Test
    @Order(6)
    void getIsAsYamlShowsTheTagHistory() {
        Kubectl.Run r = ok("get", "-n", ns, "is", "ruby", "-o", "yaml");
        assertTrue(r.out().startsWith("apiVersion: image.openshift.io/v1\nkind: ImageStream\n"), r.toString());
        assertTrue(r.out().contains("    tag: \"3.3\"\n"), r.toString());
        assertTrue(r.out().contains("      image: " + IMAGE + "\n"), r.toString());
        assertTrue(r.out().contains("      dockerImageReference: quay.io/example/ruby@" + IMAGE + "\n"), r.toString());
    }

    @Test
    @Order(7)
    void explainReadsTheOpenApiDocument() {
        Kubectl.Run r = ok("explain", "imagestreammapping");
        assertTrue(r.out().contains("KIND:       ImageStreamMapping"), r.toString());
        assertTrue(r.out().contains("GROUP:      image.openshift.io"), r.toString());
        assertTrue(r.out().contains("image\t<Image> -required-"), r.toString());
        assertTrue(r.out().contains("tag\t<string> -required-"), r.toString());
        Kubectl.Run field = ok("explain", "imagestreammapping.image");
        assertTrue(field.out().contains("FIELD: image <Image>"), field.toString());
        assertTrue(field.out().contains("dockerImageLayers\t<[]ImageLayer> -required-"), field.toString());
        Kubectl.Run layers = ok("explain", "imagestreammapping.image.dockerImageLayers");
        assertTrue(layers.out().contains("mediaType\t<string> -required-"), layers.toString());
    }

    @Test
    @Order(8)
    void forbiddenAsKubectlPrintsIt() {
        Kubectl.Run r = kubectl.run("--context", "nobody", "get", "-n", ns, "is");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("Error from server (Forbidden): imagestreams.image.openshift.io is forbidden: User \"nobody\""
                + " cannot list resource \"imagestreams\" in API group \"image.openshift.io\" in the namespace \"" + ns + "\"\n",
                r.err(), r.toString());
        Kubectl.Run create = kubectl.run("--context", "developer", "create", "-n", ns, "-f", MAPPING_YAML.toString());
        assertEquals(1, create.exit(), create.toString());
        assertTrue(create.err().contains("Error from server (Forbidden): error when creating \"" + MAPPING_YAML
                + "\": imagestreammappings.image.openshift.io is forbidden: User \"developer\" cannot create resource"
                + " \"imagestreammappings\""), create.toString());
    }

    @Test
    @Order(9)
    void unknownFieldRefusedByDefaultValidation() {
        Path bad = kubectl.write("unknown-field.yaml", read(MAPPING_YAML).replace("tag: \"3.3\"", "tag: \"3.3\"\nfoo: bar"));
        Kubectl.Run r = kubectl.run("create", "-n", ns, "-f", bad.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("unknown field \"foo\" in com.github.openshift.api.image.v1.ImageStreamMapping"), r.toString());
        Kubectl.Run stream = ok("get", "-n", ns, "is", "ruby", "-o", "jsonpath={.status.tags[0].items[*].image}");
        assertEquals(IMAGE, stream.out().trim(), "nothing was written: " + stream);
    }

    @Test
    @Order(10)
    void discoveryRefusedWithoutRights() {
        assertFalse(kubectl.server().isEmpty());
        Kubectl.Run r = kubectl.run("--context", "nobody", "get", "--raw", "/nothing-here");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("Error from server (Forbidden): forbidden: User \"nobody\" cannot get path \"/nothing-here\""),
                r.toString());
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Column headers split into words. */
    private static final class List4 {
        static java.util.List<String> of(String... s) {
            return java.util.List.of(s);
        }

        static java.util.List<String> words(String line) {
            return java.util.List.of(line.trim().split("\\s+"));
        }
    }
}
