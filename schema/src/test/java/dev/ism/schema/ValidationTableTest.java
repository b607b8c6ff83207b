package dev.ism.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validator's table: each row a body (an example of the spec, changed by a few edits), the URL
 * namespace, the expected code (0 = valid) and the expected causes as {@code field:Reason}, in order.
 */
class ValidationTableTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ImageStreamMappingValidator VALIDATOR = ImageStreamMappingValidator.create();
    static final String DIGEST = "sha256:c6d1c61b1e3c3e3f8295927ceca1cc570667319e3d75ee2b30006ee0001f7b49";
    static final String HEX64 = "c6d1c61b1e3c3e3f8295927ceca1cc570667319e3d75ee2b30006ee0001f7b49";

    record Case(String name, String body, String namespace, int code, List<String> causes, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> table() {
        List<Case> t = new ArrayList<>();
        // ---- valid ----
        t.add(ok("registry push example", registry(m -> { })));
        t.add(ok("integrator external image example", integrator(m -> { })));
        t.add(ok("kind and apiVersion omitted", registry(m -> m.remove(List.of("kind", "apiVersion")))));
        t.add(ok("namespace omitted is filled from the URL", registry(m -> meta(m).remove("namespace"))));
        t.add(ok("optional null fields are absent", registry(m -> {
            img(m).putNull("dockerImageConfig");
            img(m).putNull("signatures");
            meta(m).putNull("labels");
        })));
        t.add(ok("unknown fields are dropped", registry(m -> {
            m.put("unknownField", 1);
            img(m).put("somethingElse", "x");
        })));
        t.add(ok("empty dockerImageLayers", registry(m -> img(m).putArray("dockerImageLayers"))));
        t.add(ok("tag with dots, dashes, underscores", registry(m -> m.put("tag", "v1.2-rc_3"))));
        t.add(ok("tag of 128 characters", registry(m -> m.put("tag", "a".repeat(128)))));
        t.add(ok("underscore-first tag", registry(m -> m.put("tag", "_latest"))));
        t.add(ok("qualified label", registry(m -> meta(m).putObject("labels").put("example.com/app", "web"))));
        t.add(ok("annotation keys are case-insensitive", registry(m -> meta(m).putObject("annotations").put("Example.COM/Key", "v"))));
        t.add(ok("image name need not be a digest", registry(m -> imgMeta(m).put("name", "myimage"))));
        t.add(ok("metadata version pre012", registry(m -> img(m).put("dockerImageMetadataVersion", "pre012"))));
        t.add(ok("well-formed signatures", registry(m -> signature(m))));
        t.add(ok("manifest list without layers", registry(m -> manifestList(m))));
        t.add(ok("stream name with upper case and #", registry(m -> meta(m).put("name", "Ruby#1"))));
        t.add(ok("system fields are wiped", registry(m -> meta(m).put("uid", "x").put("creationTimestamp", "2026-01-02T03:04:05Z"))));
        t.add(ok("int64 maximum", registry(m -> layer(m, 0).put("size", Long.MAX_VALUE))));
        t.add(ok("registry with port, tag and digest", registry(m -> img(m).put("dockerImageReference",
                "localhost:5000/ns/ruby:1.0@" + DIGEST))));
        t.add(ok("date-time with fraction and offset", registry(m -> meta(m).put("creationTimestamp", "2026-01-02T03:04:05.123+02:00"))));
        t.add(ok("date-time as Go's layout parser also reads it", registry(m -> meta(m).put("creationTimestamp",
                "2026-01-02T3:04:05,1234567891+24:00"))));

        // ---- 400: undecodable ----
        t.add(bad("malformed JSON", "{\"metadata\":{\"name\":\"ruby\"},\"tag", "unexpected end of JSON input"));
        t.add(bad("array body", "[]", "cannot unmarshal array into Go value"));
        t.add(bad("empty body", "", "unexpected end of JSON input"));
        t.add(bad("trailing garbage", registry(m -> { }) + "}", "couldn't get version/kind"));
        t.add(bad("other kind", registry(m -> m.put("kind", "ImageStream")),
                "the kind in the data (ImageStream) does not match the expected kind (ImageStreamMapping)"));
        t.add(bad("core apiVersion", registry(m -> m.put("apiVersion", "v1")),
                "the API version in the data (v1) does not match the expected API version (image.openshift.io/v1)"));
        t.add(bad("apiVersion of the wrong type", registry(m -> m.put("apiVersion", 1)), "Go struct field .apiVersion of type string"));
        t.add(bad("tag is a number", registry(m -> m.put("tag", 5)),
                "json: cannot unmarshal number into Go struct field ImageStreamMapping.tag of type string"));
        t.add(bad("layer size is a string", registry(m -> layer(m, 0).put("size", "12")),
                "cannot unmarshal string into Go struct field ImageLayer.image.dockerImageLayers.size of type int64"));
        t.add(bad("layer size is fractional", registry(m -> layer(m, 0).put("size", 1.5)), "of type int64"));
        t.add(bad("layer size beyond int64", registry(m -> layer(m, 0).put("size", new java.math.BigInteger("9223372036854775808"))),
                "cannot unmarshal number 9223372036854775808"));
        t.add(bad("layers is an object", registry(m -> img(m).putObject("dockerImageLayers")), "cannot unmarshal object"));
        t.add(bad("label value is a number", registry(m -> meta(m).putObject("labels").put("a", 1)), "cannot unmarshal number"));
        t.add(bad("creationTimestamp is not RFC 3339", registry(m -> meta(m).put("creationTimestamp", "2026-01-02 03:04")),
                "metadata.creationTimestamp: parsing time"));
        t.add(bad("timestamp without seconds", registry(m -> meta(m).put("creationTimestamp", "2026-01-02T03:04Z")), "parsing time"));
        t.add(bad("timestamp on a day that does not exist", registry(m -> meta(m).put("creationTimestamp", "2026-02-29T03:04:05Z")),
                "parsing time"));
        t.add(bad("signature content is not base64", registry(m -> signature(m).put("content", "not base64!")),
                "illegal base64 data in image.signatures[0].content"));
        t.add(bad("unsupported metadata version", registry(m -> img(m).put("dockerImageMetadataVersion", "2.0")),
                "image.dockerImageMetadataVersion: Unsupported value: \"2.0\": supported values: \"1.0\", \"pre012\""));
        t.add(bad("dockerImageMetadata is a string", integrator(m -> img(m).put("dockerImageMetadata", "x")),
                "Go struct field Image.image.dockerImageMetadata of type struct"));
        t.add(bad("manifestSize is a string", registry(m -> ((ObjectNode) manifestList(m).get(0)).put("manifestSize", "1")), "of type int64"));
        t.add(new Case("namespace differs from the URL", registry(m -> { }), "other", 400, List.of(),
                "the namespace of the provided object does not match the namespace sent on the request"));

        // ---- 422: invalid ----
        t.add(invalid("tag missing", registry(m -> m.remove("tag")), "tag:FieldValueRequired"));
        t.add(invalid("tag empty", registry(m -> m.put("tag", "")), "tag:FieldValueRequired"));
        t.add(invalid("tag null", registry(m -> m.putNull("tag")), "tag:FieldValueRequired"));
        t.add(invalid("tag starting with a dash", registry(m -> m.put("tag", "-bad")), "tag:FieldValueInvalid"));
        t.add(invalid("tag with a colon", registry(m -> m.put("tag", "a:b")), "tag:FieldValueInvalid"));
        t.add(invalid("tag of 129 characters", registry(m -> m.put("tag", "a".repeat(129))), "tag:FieldValueInvalid"));
        t.add(invalid("image missing", registry(m -> m.remove("image")), "image:FieldValueRequired"));
        t.add(invalid("image null", registry(m -> m.putNull("image")), "image:FieldValueRequired"));
        t.add(invalid("name missing: the internal form's name and dockerImageRepository too", registry(m -> meta(m).remove("name")),
                "metadata.name:FieldValueRequired", "name:FieldValueRequired", "dockerImageRepository:FieldValueRequired"));
        t.add(invalid("name is .", registry(m -> meta(m).put("name", ".")), "metadata.name:FieldValueInvalid"));
        t.add(invalid("name is ..", registry(m -> meta(m).put("name", "..")), "metadata.name:FieldValueInvalid"));
        t.add(invalid("name with / and %: one cause per rule broken", registry(m -> meta(m).put("name", "a/b%c")),
                "metadata.name:FieldValueInvalid", "metadata.name:FieldValueInvalid"));
        t.add(invalid("generateName with /", registry(m -> meta(m).put("generateName", "a/")), "metadata.generateName:FieldValueInvalid"));
        t.add(new Case("namespace not a DNS label", registry(m -> meta(m).remove("namespace")), "My_NS", 422,
                List.of("metadata.namespace:FieldValueInvalid"), "a lowercase RFC 1123 label must consist of"));
        t.add(new Case("namespace of 64 characters", registry(m -> meta(m).remove("namespace")), "n".repeat(64), 422,
                List.of("metadata.namespace:FieldValueInvalid"), "must be no more than 63 characters"));
        t.add(invalid("negative generation", registry(m -> meta(m).put("generation", -1)), "metadata.generation:FieldValueInvalid"));
        t.add(invalid("label key starting with a dash", registry(m -> meta(m).putObject("labels").put("-bad", "v")),
                "metadata.labels:FieldValueInvalid"));
        t.add(invalid("label key with two slashes", registry(m -> meta(m).putObject("labels").put("a/b/c", "v")),
                "metadata.labels:FieldValueInvalid"));
        t.add(invalid("label value of 64 characters", registry(m -> meta(m).putObject("labels").put("app", "v".repeat(64))),
                "metadata.labels:FieldValueInvalid"));
        t.add(invalid("annotation key with an empty prefix", registry(m -> meta(m).putObject("annotations").put("/x", "v")),
                "metadata.annotations:FieldValueInvalid"));
        t.add(invalid("annotations over 256 KiB", registry(m -> meta(m).putObject("annotations").put("big", "x".repeat(262142))),
                "metadata.annotations:FieldValueTooLong"));
        t.add(invalid("image name missing", registry(m -> imgMeta(m).remove("name")), "image.metadata.name:FieldValueRequired"));
        t.add(invalid("image name with /", registry(m -> imgMeta(m).put("name", "sha256/x")), "image.metadata.name:FieldValueInvalid"));
        t.add(invalid("image namespace set", registry(m -> imgMeta(m).put("namespace", "myproject")),
                "image.metadata.namespace:FieldValueForbidden"));
        t.add(invalid("image annotations over 256 KiB", registry(m -> imgMeta(m).with("annotations").put("big", "x".repeat(262144))),
                "image.metadata.annotations:FieldValueTooLong"));
        t.add(invalid("reference missing", registry(m -> img(m).remove("dockerImageReference")),
                "image.dockerImageReference:FieldValueRequired"));
        t.add(invalid("reference with upper case", registry(m -> img(m).put("dockerImageReference", "Quay.io/Foo/Bar")),
                "image.dockerImageReference:FieldValueInvalid"));
        t.add(invalidMsg("reference with a short digest", registry(m -> img(m).put("dockerImageReference", "foo@sha256:abc")),
                "invalid reference format", "image.dockerImageReference:FieldValueInvalid"));
        t.add(invalidMsg("reference digest of 63 hex", registry(m -> img(m).put("dockerImageReference", "foo@sha256:" + HEX64.substring(1))),
                "invalid checksum digest length", "image.dockerImageReference:FieldValueInvalid"));
        t.add(invalidMsg("reference digest md5", registry(m -> img(m).put("dockerImageReference", "foo@md5:" + HEX64.substring(32))),
                "unsupported digest algorithm", "image.dockerImageReference:FieldValueInvalid"));
        t.add(invalidMsg("reference digest upper-case hex", registry(m -> img(m).put("dockerImageReference", "foo@sha256:" + HEX64.toUpperCase())),
                "invalid checksum digest format", "image.dockerImageReference:FieldValueInvalid"));
        t.add(invalidMsg("reference name of 256 characters", registry(m -> img(m).put("dockerImageReference", "a/" + "b".repeat(254))),
                "repository name must not be more than 255 characters", "image.dockerImageReference:FieldValueInvalid"));
        t.add(invalid("layers missing", registry(m -> img(m).remove("dockerImageLayers")), "image.dockerImageLayers:FieldValueRequired"));
        t.add(invalid("layer size missing", registry(m -> layer(m, 1).remove("size")), "image.dockerImageLayers[1].size:FieldValueRequired"));
        t.add(invalid("layer name and media type missing", registry(m -> layer(m, 0).remove(List.of("name", "mediaType"))),
                "image.dockerImageLayers[0].name:FieldValueRequired", "image.dockerImageLayers[0].mediaType:FieldValueRequired"));
        t.add(invalid("signature type missing", registry(m -> signature(m).remove("type")), "image.signatures[0].type:FieldValueRequired"));
        t.add(invalid("signature subject without key id", registry(m -> signature(m).putObject("issuedTo").put("commonName", "x")),
                "image.signatures[0].issuedTo.publicKeyID:FieldValueRequired"));
        t.add(invalid("signature condition without status", registry(m -> signature(m).putArray("conditions").addObject().put("type", "Trusted")),
                "image.signatures[0].conditions[0].status:FieldValueRequired"));
        t.add(invalid("manifests and layers together", registry(m -> {
            manifestList(m);
            img(m).set("dockerImageLayers", JSON.createArrayNode().add(JSON.createObjectNode().put("name", "l").put("size", 1).put("mediaType", "m/t")));
        }), "image.dockerImageLayers:FieldValueInvalid"));
        t.add(invalid("manifest digest malformed", registry(m -> ((ObjectNode) manifestList(m).get(0)).put("digest", "sha256:xyz")),
                "image.dockerImageManifests[0].digest:FieldValueInvalid"));
        t.add(invalid("manifest media type malformed", registry(m -> ((ObjectNode) manifestList(m).get(0)).put("mediaType", "notamediatype")),
                "image.dockerImageManifests[0].mediaType:FieldValueInvalid"));
        t.add(invalid("manifest without architecture and os", registry(m -> ((ObjectNode) manifestList(m).get(0)).put("architecture", "").put("os", "")),
                "image.dockerImageManifests[0].architecture:FieldValueRequired", "image.dockerImageManifests[0].os:FieldValueRequired"));
        t.add(invalid("manifest of negative size", registry(m -> ((ObjectNode) manifestList(m).get(0)).put("manifestSize", -1)),
                "image.dockerImageManifests[0].size:FieldValueInvalid"));
        t.add(invalid("several errors in the server's order", registry(m -> {
            m.remove("tag");
            imgMeta(m).remove("name");
            img(m).put("dockerImageReference", "Quay.io/Foo/Bar");
            layer(m, 0).remove("size");
        }), "tag:FieldValueRequired", "image.metadata.name:FieldValueRequired", "image.dockerImageReference:FieldValueInvalid",
                "image.dockerImageLayers[0].size:FieldValueRequired"));
        return t.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void row(Case c) {
        Outcome outcome = VALIDATOR.validate(c.body().getBytes(StandardCharsets.UTF_8), c.namespace());
        if (c.code() == 0) {
            Outcome.Valid valid = assertInstanceOf(Outcome.Valid.class, outcome, () -> "expected valid, got " + outcome);
            assertEquals(c.namespace(), valid.mapping().path("metadata").path("namespace").asText());
            assertEquals("ImageStreamMapping", valid.mapping().path("kind").asText());
            return;
        }
        Status status = assertInstanceOf(Outcome.Rejected.class, outcome, () -> "expected a rejection").status();
        assertEquals(c.code(), status.code(), () -> "got " + status);
        assertEquals("Failure", status.status());
        if (c.messagePart() != null) {
            assertTrue(status.message().contains(c.messagePart()), () -> "message: " + status.message());
        }
        if (c.code() == 422) {
            assertEquals("Invalid", status.reason());
            assertEquals("ImageStreamMapping", status.details().kind());
            assertEquals("image.openshift.io", status.details().group());
            List<String> got = status.details().causes().stream().map(x -> x.field() + ":" + x.reason()).collect(Collectors.toList());
            assertEquals(c.causes(), got, () -> status.message());
            status.details().causes().forEach(cause -> assertTrue(status.message().contains(cause.field() + ": " + cause.message())));
        } else {
            assertEquals("BadRequest", status.reason());
            assertEquals(null, status.details());
        }
    }

    @Test
    void tableHasEnoughRows() {
        assertTrue(table().count() >= 60);
    }

    @Test
    void theSpecsInvalidExampleIsRenderedExactly() throws IOException {
        String body = registry(m -> {
            m.remove("tag");
            imgMeta(m).remove("name");
            img(m).put("dockerImageReference", "Quay.io/Foo/Bar");
        });
        Status status = ((Outcome.Rejected) VALIDATOR.validate(body.getBytes(StandardCharsets.UTF_8), "myproject")).status();
        assertEquals(JSON.readTree(resource("response-422-invalid.json")), JSON.valueToTree(status));
    }

    @Test
    void theSpecsMalformedExampleIsRenderedExactly() throws IOException {
        Status status = ((Outcome.Rejected) VALIDATOR.validate(
                "{\"metadata\":{\"name\":\"ruby\"},\"tag\":".getBytes(StandardCharsets.UTF_8), "myproject")).status();
        assertEquals(JSON.readTree(resource("response-400-malformed-json.json")), JSON.valueToTree(status));
    }

    @Test
    void preparedMappingIsWipedDefaultedAndPruned() {
        String body = registry(m -> {
            meta(m).put("uid", "u").put("creationTimestamp", "2026-01-02T03:04:05Z").put("selfLink", "/x");
            img(m).remove("dockerImageReference");
            signature(m);
            img(m).put("unknown", true);
        });
        ObjectNode mapping = ((Outcome.Valid) ImageStreamMappingValidator.withInternalRegistry("registry.local:5000")
                .validate(body.getBytes(StandardCharsets.UTF_8), "myproject")).mapping();
        assertFalse(mapping.path("metadata").has("uid"));
        assertFalse(mapping.path("metadata").has("creationTimestamp"));
        assertFalse(mapping.path("metadata").has("selfLink"));
        assertFalse(mapping.path("image").has("signatures"));
        assertFalse(mapping.path("image").has("unknown"));
        assertFalse(mapping.path("image").has("dockerImageMetadata"), "null fields are removed");
        assertEquals("registry.local:5000/myproject/ruby@" + DIGEST, mapping.path("image").path("dockerImageReference").asText());
    }

    @Test
    void defaultingUsesAColonForNonDigestImageNames() {
        String body = registry(m -> {
            img(m).remove("dockerImageReference");
            imgMeta(m).put("name", "plain");
        });
        ObjectNode mapping = ((Outcome.Valid) ImageStreamMappingValidator.withInternalRegistry("r.local")
                .validate(body.getBytes(StandardCharsets.UTF_8), "myproject")).mapping();
        assertEquals("r.local/myproject/ruby:plain", mapping.path("image").path("dockerImageReference").asText());
    }

    @Test
    void theInputTreeIsNotModified() throws IOException {
        JsonNode body = JSON.readTree(resource("ism-registry-push-schema2.json"));
        JsonNode before = body.deepCopy();
        VALIDATOR.validate(body, "myproject");
        assertEquals(before, body);
    }

    // ---- helpers ----

    static Case ok(String name, String body) {
        return new Case(name, body, "myproject", 0, List.of(), null);
    }

    static Case bad(String name, String body, String messagePart) {
        return new Case(name, body, "myproject", 400, List.of(), messagePart);
    }

    static Case invalid(String name, String body, String... causes) {
        return new Case(name, body, "myproject", 422, List.of(causes), null);
    }

    static Case invalidMsg(String name, String body, String messagePart, String... causes) {
        return new Case(name, body, "myproject", 422, List.of(causes), messagePart);
    }

    static String registry(Consumer<ObjectNode> edit) {
        return edited("ism-registry-push-schema2.json", edit);
    }

    static String integrator(Consumer<ObjectNode> edit) {
        return edited("ism-integrator-external-image.json", edit);
    }

    static String edited(String example, Consumer<ObjectNode> edit) {
        try {
            ObjectNode m = (ObjectNode) JSON.readTree(resource(example));
            edit.accept(m);
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode meta(ObjectNode m) {
        return (ObjectNode) m.get("metadata");
    }

    static ObjectNode img(ObjectNode m) {
        return (ObjectNode) m.get("image");
    }

    static ObjectNode imgMeta(ObjectNode m) {
        return (ObjectNode) img(m).get("metadata");
    }

    static ObjectNode layer(ObjectNode m, int i) {
        return (ObjectNode) img(m).get("dockerImageLayers").get(i);
    }

    static ObjectNode signature(ObjectNode m) {
        ObjectNode s = img(m).putArray("signatures").addObject();
        s.put("type", "atomic").put("content", "c2lnbmF0dXJl").put("imageIdentity", "ruby");
        s.putObject("metadata").put("name", DIGEST + "@0123456789abcdef0123456789abcdef");
        return s;
    }

    static ArrayNode manifestList(ObjectNode m) {
        img(m).putArray("dockerImageLayers");
        ArrayNode list = img(m).putArray("dockerImageManifests");
        list.addObject().put("digest", DIGEST).put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("manifestSize", 1024).put("architecture", "amd64").put("os", "linux");
        return list;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ValidationTableTest.class.getResourceAsStream("/examples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
