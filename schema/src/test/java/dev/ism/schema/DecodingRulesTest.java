package dev.ism.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.ism.schema.ValidationTableTest.JSON;
import static dev.ism.schema.ValidationTableTest.img;
import static dev.ism.schema.ValidationTableTest.integrator;
import static dev.ism.schema.ValidationTableTest.layer;
import static dev.ism.schema.ValidationTableTest.meta;
import static dev.ism.schema.ValidationTableTest.registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BEHAVIOUR.md section 8: decoding (byte-order mark, invalid UTF-8, unknown fields and duplicate keys
 * under each {@code fieldValidation} mode, {@code dockerImageMetadata} as a DockerImage) and cause paths.
 * Each row: a body, the mode, then either the warnings of a valid outcome with a check of the decoded
 * mapping, or the code with a part of the message (400) or the causes (422).
 */
class DecodingRulesTest {

    record Row(String name, byte[] body, FieldValidation mode, int code, List<String> expected, Consumer<ObjectNode> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        List<Row> t = new ArrayList<>();
        String push = registry(m -> { });
        // ---- byte-order mark and UTF-8 ----
        t.add(bad("UTF-8 byte-order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(push)),
                "json parse error: invalid character 'ï' looking for beginning of value"));
        t.add(ok("invalid bytes in a string become U+FFFD each", withAnnotation(new byte[] {'a', (byte) 0xFF, (byte) 0xFE, 'b'}),
                m -> assertEquals("a\uFFFD\uFFFDb", annotation(m))));
        t.add(ok("a truncated sequence is one U+FFFD per byte", withAnnotation(new byte[] {'a', (byte) 0xE2, (byte) 0x82, 'b'}),
                m -> assertEquals("a\uFFFD\uFFFDb", annotation(m))));
        t.add(ok("an encoded surrogate is three U+FFFD", withAnnotation(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                m -> assertEquals("\uFFFD\uFFFD\uFFFD", annotation(m))));
        t.add(ok("an overlong form is invalid", withAnnotation(new byte[] {(byte) 0xC0, (byte) 0xAF}),
                m -> assertEquals("\uFFFD\uFFFD", annotation(m))));
        t.add(ok("well-formed multi-byte text is kept", withAnnotation("é€😀".getBytes(StandardCharsets.UTF_8)),
                m -> assertEquals("é€😀", annotation(m))));
        t.add(ok("an escaped lone surrogate becomes U+FFFD", utf8(push.replace("\"name\":\"ruby\"", "\"name\":\"ru\\ud800by\"")), m -> assertEquals("ru\uFFFDby", m.at("/metadata/name").asText())));
        t.add(invalid("invalid UTF-8 in the image reference goes on to a 422",
                utf8Replace(push, "\"dockerImageReference\":\"", new byte[] {(byte) 0xFF}), FieldValidation.WARN,
                "image.dockerImageReference:FieldValueInvalid"));

        // ---- unknown fields and duplicate keys ----
        String unknownAndDuplicate = "{\"tag\":\"first\"," + registry(m -> img(m).put("foo", 1)).substring(1);
        t.add(new Row("Warn: accepted with warnings, last value wins", utf8(unknownAndDuplicate), FieldValidation.WARN, 0,
                List.of("unknown field \"image.foo\"", "duplicate field \"tag\""), m -> {
                    assertEquals("latest", m.path("tag").asText());
                    assertTrue(!m.path("image").has("foo"));
                }));
        t.add(new Row("Ignore: accepted silently", utf8(unknownAndDuplicate), FieldValidation.IGNORE, 0, List.of(), m -> { }));
        t.add(new Row("Strict: 400 listing both", utf8(unknownAndDuplicate), FieldValidation.STRICT, 400,
                List.of("ImageStreamMapping in version \"v1\" cannot be handled as a ImageStreamMapping: strict decoding error:"
                        + " unknown field \"image.foo\", duplicate field \"tag\""), null));
        t.add(warned("an unknown field in a list item is named with its index",
                registry(m -> layer(m, 1).put("foo", "x")), "unknown field \"image.dockerImageLayers[1].foo\""));
        t.add(warned("a top-level unknown object is reported once, not its content",
                registry(m -> m.putObject("spec").put("foo", 1)), "unknown field \"spec\""));
        t.add(warned("a repeated map key is named by its key",
                registry(m -> meta(m).putObject("labels").put("a", "1")).replace("{\"a\":\"1\"}", "{\"a\":\"1\",\"a\":\"2\"}"),
                "duplicate field \"metadata.labels.a\""));
        t.add(warned("a repeated key in a list item is named with its index",
                registry(m -> { }).replace("\"dockerImageLayers\":[{", "\"dockerImageLayers\":[{\"name\":\"x\","),
                "duplicate field \"image.dockerImageLayers[0].name\""));
        t.add(warned("an object of many keys changes nothing for the objects after it at its depth",
                registry(m -> {
                    ObjectNode labels = meta(m).putObject("labels");
                    for (int i = 0; i < 200; i++) {
                        labels.put("l" + i, "v");
                    }
                    meta(m).putObject("annotations").put("l7", "1");
                }).replace("{\"l7\":\"1\"}", "{\"l7\":\"1\",\"a\":\"1\",\"a\":\"2\"}"),
                "duplicate field \"metadata.annotations.a\""));
        t.add(new Row("a repeated object is merged, as Go decodes both into one struct",
                utf8("{\"metadata\":{\"name\":\"ruby\"}," + push.substring(1).replace("\"name\":\"ruby\",", "")),
                FieldValidation.WARN, 0, List.of("duplicate field \"metadata\""),
                m -> assertEquals("ruby", m.at("/metadata/name").asText())));
        t.add(new Row("a later null does not clear a string", utf8(push.replace("\"tag\":\"latest\"", "\"tag\":\"latest\",\"tag\":null")),
                FieldValidation.WARN, 0, List.of("duplicate field \"tag\""), m -> assertEquals("latest", m.path("tag").asText())));
        t.add(warned("free-form objects are not checked", registry(m -> meta(m).putArray("managedFields").addObject()
                .put("manager", "kubectl").putObject("fieldsV1").put("f:anything", 1)).replace(
                "\"f:anything\":1", "\"f:anything\":1,\"f:anything\":2")));
        t.add(new Row("Strict: a type error wins over strict problems",
                utf8("{\"foo\":1," + registry(m -> m.put("tag", 5)).substring(1)), FieldValidation.STRICT, 400,
                List.of("cannot unmarshal number into Go struct field ImageStreamMapping.tag of type string"), null));

        // ---- dockerImageMetadata as a DockerImage of image.openshift.io/1.0 ----
        t.add(ok("metadata of the integrator example", utf8(integrator(m -> { })), m -> { }));
        for (String v : List.of("1.0", "pre012", "image.openshift.io/1.0", "")) {
            t.add(ok("metadata apiVersion \"" + v + "\"", utf8(integrator(m -> metadata(m).put("apiVersion", v))), m -> { }));
        }
        t.add(ok("metadata kind empty", utf8(integrator(m -> metadata(m).put("kind", ""))), m -> { }));
        t.add(bad("metadata of another kind", utf8(integrator(m -> metadata(m).put("kind", "Image"))),
                "no kind \"Image\" is registered for version \"image.openshift.io/1.0\""));
        t.add(bad("metadata of another version", utf8(integrator(m -> metadata(m).put("apiVersion", "v1"))),
                "no kind \"DockerImage\" is registered for version \"v1\""));
        t.add(bad("metadata Size a string", utf8(integrator(m -> metadata(m).put("Size", "12"))),
                "json: cannot unmarshal string into Go struct field DockerImage.Size of type int64"));
        t.add(bad("metadata Size fractional", utf8(integrator(m -> metadata(m).put("Size", 1.5))),
                "cannot unmarshal number 1.5 into Go struct field DockerImage.Size of type int64"));
        t.add(bad("metadata Config.Env holding a number", utf8(integrator(m -> metadata(m).with("Config").putArray("Env").add(1))),
                "cannot unmarshal number into Go struct field DockerImage.Config.Env of type []string"));
        t.add(bad("metadata Created not a time", utf8(integrator(m -> metadata(m).put("Created", "yesterday"))),
                "parsing time \"yesterday\""));
        t.add(bad("metadata ExposedPorts value not an object", utf8(integrator(m -> metadata(m).with("Config")
                .putObject("ExposedPorts").put("80/tcp", "x"))), "DockerImage.Config.ExposedPorts of type map[string]struct {}"));
        t.add(bad("metadata Id a number", utf8(integrator(m -> metadata(m).put("Id", 1))), "DockerImage.Id of type string"));
        t.add(bad("metadata kind a number", utf8(integrator(m -> metadata(m).put("kind", 1))), "DockerImage.kind of type string"));
        t.add(ok("metadata nulls and unknown keys are fine", utf8(integrator(m -> metadata(m).putNull("Config").put("Os", "linux"))),
                m -> { }));

        // ---- cause paths ----
        t.add(invalid("a label key and value error, both on the map", utf8(registry(m -> meta(m).putObject("labels")
                .put("-bad", "v".repeat(64)))), FieldValidation.WARN, "metadata.labels:FieldValueInvalid", "metadata.labels:FieldValueInvalid"));
        return t.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row r) {
        Outcome outcome = ValidationTableTest.VALIDATOR.validate(r.body(), "myproject", r.mode());
        if (r.code() == 0) {
            Outcome.Valid valid = assertInstanceOf(Outcome.Valid.class, outcome, () -> "expected valid, got " + outcome);
            assertEquals(r.expected(), valid.warnings());
            r.check().accept(valid.mapping());
            return;
        }
        Status status = assertInstanceOf(Outcome.Rejected.class, outcome, () -> "expected a rejection").status();
        assertEquals(r.code(), status.code(), () -> "got " + status);
        if (r.code() == 400) {
            assertEquals("BadRequest", status.reason());
            assertTrue(status.message().contains(r.expected().get(0)), () -> "message: " + status.message());
        } else {
            List<String> got = status.details().causes().stream().map(x -> x.field() + ":" + x.reason()).collect(Collectors.toList());
            assertEquals(r.expected(), got, status::message);
        }
    }

    static Row ok(String name, byte[] body, Consumer<ObjectNode> check) {
        return new Row(name, body, FieldValidation.WARN, 0, List.of(), check);
    }

    static Row warned(String name, String body, String... warnings) {
        return new Row(name, utf8(body), FieldValidation.WARN, 0, List.of(warnings), m -> { });
    }

    static Row bad(String name, byte[] body, String messagePart) {
        return new Row(name, body, FieldValidation.WARN, 400, List.of(messagePart), null);
    }

    static Row invalid(String name, byte[] body, FieldValidation mode, String... causes) {
        return new Row(name, body, mode, 422, List.of(causes), null);
    }

    static ObjectNode metadata(ObjectNode m) {
        return (ObjectNode) img(m).get("dockerImageMetadata");
    }

    /** The registry example with annotation {@code a} holding {@code raw} bytes. */
    static byte[] withAnnotation(byte[] raw) {
        String body = registry(m -> meta(m).putObject("annotations").put("a", "@@"));
        return utf8Replace(body.replace("\"a\":\"@@\"", "\"a\":\"@@"), "\"a\":\"", raw);
    }

    static String annotation(ObjectNode m) {
        return m.at("/metadata/annotations/a").asText();
    }

    /** {@code text} with {@code raw} bytes inserted after the first {@code marker} (and a "@@" placeholder dropped). */
    static byte[] utf8Replace(String text, String marker, byte[] raw) {
        int at = text.indexOf(marker) + marker.length();
        String rest = text.substring(at);
        if (rest.startsWith("@@")) {
            rest = "\"" + rest.substring(2);
        }
        return concat(utf8(text.substring(0, at)), raw, utf8(rest));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
