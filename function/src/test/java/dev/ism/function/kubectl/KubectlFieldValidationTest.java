package dev.ism.function.kubectl;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fieldValidation} (BEHAVIOUR.md section 8) as kubectl users meet it. kubectl's default
 * validation catches an unknown field itself (KubectlTest), so the server's {@code Strict} 400 is seen
 * with {@code kubectl create --raw ...?fieldValidation=Strict} (the body sent as it is), and
 * {@code Warn} with {@code --validate=warn}, where kubectl leaves validation to the server and prints
 * each {@code Warning} header it answers.
 */
class KubectlFieldValidationTest extends KubectlSuite {

    @BeforeAll
    static void createTheStream() {
        Kubectl.Run r = kubectl.run("create", "-n", ns, "-f", KubectlTest.STREAM_YAML.toString());
        assertEquals(0, r.exit(), r.toString());
    }

    private static String mapping(String tag, String extra) {
        return "{\"apiVersion\":\"image.openshift.io/v1\",\"kind\":\"ImageStreamMapping\",\"metadata\":{\"name\":\"ruby\"},"
                + "\"tag\":\"" + tag + "\"," + extra + "\"image\":{\"metadata\":{\"name\":\"" + KubectlTest.IMAGE + "\"},"
                + "\"dockerImageReference\":\"quay.io/example/ruby@" + KubectlTest.IMAGE + "\",\"dockerImageLayers\":[]}}";
    }

    @Test
    void strictUnknownFieldIsTheServers400() {
        Path body = kubectl.write("strict.json", mapping("strict", "\"foo\":\"bar\","));
        Kubectl.Run r = kubectl.run("create", "--raw",
                "/apis/image.openshift.io/v1/namespaces/" + ns + "/imagestreammappings?fieldValidation=Strict", "-f", body.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("Error from server (BadRequest): ImageStreamMapping in version \"v1\" cannot be handled as a"
                + " ImageStreamMapping: strict decoding error: unknown field \"foo\"\n", r.err(), r.toString());
        Kubectl.Run tags = kubectl.run("get", "-n", ns, "is", "ruby", "-o", "jsonpath={.status.tags[*].tag}");
        assertEquals(0, tags.exit(), tags.toString());
        assertFalse(tags.out().contains("strict"), "nothing written: " + tags);
    }

    @Test
    void warnPrintsTheServersWarningAndCreates() {
        Path bad = kubectl.write("warn.yaml", KubectlTest.read(KubectlTest.MAPPING_YAML)
                .replace("tag: \"3.3\"", "tag: \"warned\"\nfoo: bar"));
        Kubectl.Run r = kubectl.run("create", "-n", ns, "--validate=warn", "-f", bad.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("status/<unknown> created\n", r.out(), r.toString());
        assertTrue(r.err().contains("Warning: unknown field \"foo\"\n"), r.toString());
        Kubectl.Run tags = kubectl.run("get", "-n", ns, "is", "ruby", "-o", "jsonpath={.status.tags[*].tag}");
        assertTrue(tags.out().contains("warned"), "the mapping was written: " + tags);
    }
}
