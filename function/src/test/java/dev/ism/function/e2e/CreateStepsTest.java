package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.assertStatus;
import static dev.ism.function.e2e.E2e.bytes;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.getImage;
import static dev.ism.function.e2e.E2e.getStream;
import static dev.ism.function.e2e.E2e.headers;
import static dev.ism.function.e2e.E2e.image;
import static dev.ism.function.e2e.E2e.items;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static dev.ism.function.e2e.E2e.post;
import static dev.ism.function.e2e.E2e.registryPush;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BEHAVIOUR.md section 1, step by step and in order, through each way in (Netty over HTTP, the
 * API Gateway HTTP API and REST API Lambda handlers), against DynamoDB Local. Where a step's answer
 * is one of the spec's examples the response must be that example exactly.
 */
class CreateStepsTest {

    private static final Api API = Api.shared();
    private static final String JSON_TYPE = "application/json";

    private record Fixture(String ns, String stream) {
    }

    /** A fresh namespace with an existing stream "ruby". */
    private static Fixture fixture() {
        String ns = Api.unique("steps");
        API.createStream(ns, "ruby");
        return new Fixture(ns, "ruby");
    }

    private static Api.Response send(Via via, String path, Map<String, String> headers, byte[] body) {
        return API.send(via, "POST", path, headers, body, false);
    }

    private static Api.Response send(Via via, String path, String contentType, byte[] body) {
        return send(via, path, headers(Api.REGISTRY_TOKEN, contentType), body);
    }

    private static byte[] valid(Fixture f, String seed) {
        return bytes(mapping(f.ns(), f.stream(), "latest", seed));
    }

    private static JsonNode unsupportedMediaType() {
        ObjectNode expected = example("response-415-unsupported-media-type.json").deepCopy();
        // Ours: YAML and protobuf are not accepted, and the message lists only what is.
        expected.put("message", "the body of the request was in an unknown format - accepted media types include: application/json");
        return expected;
    }

    // ---- step 3: content type ---------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Via.class)
    void otherContentTypesAre415(Via via) {
        Fixture f = fixture();
        for (String type : new String[]{"text/plain", "application/yaml", "application/vnd.kubernetes.protobuf",
                "application/x-www-form-urlencoded", "application/merge-patch+json"}) {
            assertExactly(unsupportedMediaType(), send(via, mappings(f.ns()), type, valid(f, type)));
        }
        assertTrue(items(getStream(API, f.ns(), f.stream()), "latest").isEmpty(), "a 415 writes nothing");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void jsonWithParametersIsAccepted(Via via) {
        Fixture f = fixture();
        assertExactly(example("response-201-success.json"),
                send(via, mappings(f.ns()), "application/json; charset=utf-8", valid(f, "charset")));
        assertExactly(example("response-201-success.json"),
                send(via, mappings(f.ns()), "Application/JSON;charset=UTF-8", valid(f, "upper")));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void missingContentTypeIsReadAsJson(Via via) {
        Fixture f = fixture();
        Api.Response r = send(via, mappings(f.ns()), headers(Api.REGISTRY_TOKEN, null), valid(f, "none"));
        assertExactly(example("response-201-success.json"), r);
        assertEquals(1, items(getStream(API, f.ns(), f.stream()), "latest").size());
    }

    /** API Gateway base64-encodes bodies it takes for binary (the HTTP API does so when there is no Content-Type). */
    @ParameterizedTest
    @EnumSource(value = Via.class, names = {"LAMBDA_V2", "LAMBDA_V1"})
    void base64EncodedEventBodiesAreDecoded(Via via) {
        Fixture f = fixture();
        assertExactly(example("response-201-success.json"),
                API.send(via, "POST", mappings(f.ns()), headers(Api.REGISTRY_TOKEN, null), valid(f, "b64-none"), true));
        assertExactly(example("response-201-success.json"),
                API.send(via, "POST", mappings(f.ns()), headers(Api.REGISTRY_TOKEN, JSON_TYPE), valid(f, "b64-json"), true));
        assertExactly(example("response-400-malformed-json.json"), API.send(via, "POST", mappings(f.ns()),
                headers(Api.REGISTRY_TOKEN, null), "{\"metadata\":{\"name\":\"ruby\"},\"tag\":".getBytes(StandardCharsets.UTF_8), true));
        assertExactly(tooLarge(), API.send(via, "POST", mappings(f.ns()), headers(Api.REGISTRY_TOKEN, null), garbage(E2e.LIMIT + 1), true));
        assertEquals(2, items(getStream(API, f.ns(), f.stream()), "latest").size());
    }

    // ---- step 4: body size ------------------------------------------------------------------------

    private static JsonNode tooLarge() {
        return E2e.JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                .<ObjectNode>set("metadata", E2e.JSON.createObjectNode())
                .put("status", "Failure").put("message", "Request entity too large: limit is 3145728")
                .put("reason", "RequestEntityTooLarge").put("code", 413);
    }

    /** {@code size} bytes: not JSON at all. */
    private static byte[] garbage(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        b[0] = '{';
        return b;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void bodyOverThreeMebibytesIs413BeforeParsing(Via via) {
        Fixture f = fixture();
        assertExactly(tooLarge(), send(via, mappings(f.ns()), JSON_TYPE, garbage(E2e.LIMIT + 1)));
        // before the query options (step 5) ...
        assertExactly(tooLarge(), send(via, mappings(f.ns()) + "?dryRun=foo&fieldManager=%01", JSON_TYPE, garbage(E2e.LIMIT + 1)));
        // ... but after the content type (step 3)
        assertExactly(unsupportedMediaType(), send(via, mappings(f.ns()), "text/plain", garbage(E2e.LIMIT + 1)));
    }

    /** Over HTTP, bodies past the server's own read limit (16 MB) get the same Status. */
    @org.junit.jupiter.api.Test
    void bodyPastTheServersReadLimitIs413Too() {
        Fixture f = fixture();
        assertExactly(tooLarge(), send(Via.HTTP, mappings(f.ns()), JSON_TYPE, garbage(16 * 1024 * 1024 + 1)));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void bodyOfExactlyThreeMebibytesIsAccepted(Via via) {
        Fixture f = fixture();
        byte[] body = valid(f, "exact");
        byte[] padded = new byte[E2e.LIMIT];
        Arrays.fill(padded, (byte) ' ');
        System.arraycopy(body, 0, padded, 0, body.length);
        assertExactly(example("response-201-success.json"), send(via, mappings(f.ns()), JSON_TYPE, padded));
    }

    // ---- step 5: query options ----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Via.class)
    void dryRunOtherThanAllIs422CreateOptions(Via via) {
        Fixture f = fixture();
        assertExactly(example("response-422-invalid-dryrun.json"),
                send(via, mappings(f.ns()) + "?dryRun=foo", JSON_TYPE, valid(f, "dry")));
        // checked before the body is read: a malformed body does not matter yet
        assertExactly(example("response-422-invalid-dryrun.json"),
                send(via, mappings(f.ns()) + "?dryRun=foo", JSON_TYPE, "{\"metadata\":".getBytes(StandardCharsets.UTF_8)));
        JsonNode both = assertStatus(send(via, mappings(f.ns()) + "?dryRun=All&dryRun=foo", JSON_TYPE, valid(f, "dry")), 422);
        assertEquals("CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: [\"All\",\"foo\"]: supported values: \"All\"",
                both.path("message").asText());
        assertTrue(items(getStream(API, f.ns(), f.stream()), "latest").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void repeatedDryRunAllIsAccepted(Via via) {
        Fixture f = fixture();
        assertExactly(example("response-201-success.json"),
                send(via, mappings(f.ns()) + "?dryRun=All&dryRun=All", JSON_TYPE, valid(f, "twice")));
        assertTrue(items(getStream(API, f.ns(), f.stream()), "latest").isEmpty(), "dry run: nothing written");
    }

    private static JsonNode createOptionsInvalid(String... causes) {
        ObjectNode expected = E2e.JSON.createObjectNode();
        expected.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
        expected.put("status", "Failure");
        StringBuilder message = new StringBuilder("CreateOptions.meta.k8s.io \"\" is invalid: ");
        if (causes.length > 3) {
            message.append('[');
        }
        ObjectNode details = E2e.JSON.createObjectNode().put("group", "meta.k8s.io").put("kind", "CreateOptions");
        for (int i = 0; i < causes.length; i += 3) {
            if (i > 0) {
                message.append(", ");
            }
            message.append(causes[i + 2]).append(": ").append(causes[i + 1]);
            details.withArray("causes").addObject().put("reason", causes[i]).put("message", causes[i + 1]).put("field", causes[i + 2]);
        }
        if (causes.length > 3) {
            message.append(']');
        }
        expected.put("message", message.toString()).put("reason", "Invalid");
        expected.set("details", details);
        expected.put("code", 422);
        return expected;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void fieldManagerOverOneHundredTwentyEightBytesIsTooLong(Via via) {
        Fixture f = fixture();
        JsonNode tooLong = createOptionsInvalid("FieldValueTooLong", "Too long: may not be more than 128 bytes", "fieldManager");
        assertExactly(tooLong, send(via, mappings(f.ns()) + "?fieldManager=" + "m".repeat(129), JSON_TYPE, valid(f, "129")));
        // bytes, not characters: 43 euro signs are 129 bytes
        assertExactly(tooLong, send(via, mappings(f.ns()) + "?fieldManager=" + "%E2%82%AC".repeat(43), JSON_TYPE, valid(f, "euro")));
        assertExactly(example("response-201-success.json"),
                send(via, mappings(f.ns()) + "?fieldManager=" + "m".repeat(128), JSON_TYPE, valid(f, "128")));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void fieldManagerWithAControlCharacterIsInvalid(Via via) {
        Fixture f = fixture();
        assertExactly(createOptionsInvalid("FieldValueInvalid",
                        "Invalid value: \"a\\x01b\": invalid character U+0001 (at position 1)", "fieldManager"),
                send(via, mappings(f.ns()) + "?fieldManager=a%01b", JSON_TYPE, valid(f, "ctl")));
        // one cause per bad rune, positions in bytes, the value quoted as Go's %q does
        assertExactly(createOptionsInvalid(
                        "FieldValueInvalid", "Invalid value: \"\\x01\u00e9\\t\\u0085\": invalid character U+0001 (at position 0)", "fieldManager",
                        "FieldValueInvalid", "Invalid value: \"\\x01\u00e9\\t\\u0085\": invalid character U+0009 (at position 3)", "fieldManager",
                        "FieldValueInvalid", "Invalid value: \"\\x01\u00e9\\t\\u0085\": invalid character U+0085 (at position 4)", "fieldManager"),
                send(via, mappings(f.ns()) + "?fieldManager=%01%C3%A9%09%C2%85", JSON_TYPE, valid(f, "ctl2")));
        // printable non-ASCII is fine
        assertExactly(example("response-201-success.json"),
                send(via, mappings(f.ns()) + "?fieldManager=%C3%A9t%C3%A9+manager", JSON_TYPE, valid(f, "ete")));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void queryValuesWithCommasAreSingleValues(Via via) {
        Fixture f = fixture();
        JsonNode tooLong = createOptionsInvalid("FieldValueTooLong", "Too long: may not be more than 128 bytes", "fieldManager");
        // one value of 129 bytes with a comma in it (API Gateway's HTTP API joins repeated values with commas)
        assertExactly(tooLong, send(via, mappings(f.ns()) + "?fieldManager=" + "m".repeat(64) + "," + "m".repeat(64), JSON_TYPE, valid(f, "c1")));
        assertExactly(tooLong, send(via, mappings(f.ns()) + "?fieldManager=" + "m".repeat(64) + "%2C" + "m".repeat(64), JSON_TYPE, valid(f, "c2")));
        JsonNode status = assertStatus(send(via, mappings(f.ns()) + "?dryRun=All,All", JSON_TYPE, valid(f, "c3")), 422);
        assertEquals("CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: [\"All,All\"]: supported values: \"All\"",
                status.path("message").asText());
        assertTrue(items(getStream(API, f.ns(), f.stream()), "latest").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void fieldManagerErrorsComeBeforeDryRunErrors(Via via) {
        Fixture f = fixture();
        assertExactly(createOptionsInvalid(
                        "FieldValueTooLong", "Too long: may not be more than 128 bytes", "fieldManager",
                        "FieldValueNotSupported", "Unsupported value: [\"foo\"]: supported values: \"All\"", "dryRun"),
                send(via, mappings(f.ns()) + "?dryRun=foo&fieldManager=" + "m".repeat(129), JSON_TYPE, valid(f, "both")));
    }

    // ---- step 5: pretty -----------------------------------------------------------------------------

    private static final String PRETTY_SUCCESS = """
            {
              "kind": "Status",
              "apiVersion": "v1",
              "metadata": {},
              "status": "Success",
              "code": 201
            }""";
    private static final String COMPACT_SUCCESS = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"code\":201}";

    private static String prettyCase(Via via, Fixture f, String query, String userAgent, String seed) {
        Map<String, String> h = headers(Api.REGISTRY_TOKEN, JSON_TYPE);
        if (userAgent != null) {
            h.put("User-Agent", userAgent);
        }
        Api.Response r = send(via, mappings(f.ns()) + query, h, valid(f, seed));
        assertEquals(201, r.code(), r.body());
        E2e.assertJsonContentType(r);
        return r.body().strip();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void prettyOutputIsTwoSpaceJson(Via via) {
        Fixture f = fixture();
        assertEquals(PRETTY_SUCCESS, prettyCase(via, f, "?pretty=true", "ism-e2e/1.0", "p1"));
        assertEquals(PRETTY_SUCCESS, prettyCase(via, f, "?pretty=1", "ism-e2e/1.0", "p2"));
        assertEquals(PRETTY_SUCCESS, prettyCase(via, f, "", "curl/8.5.0", "p3"));
        assertEquals(PRETTY_SUCCESS, prettyCase(via, f, "", "Wget/1.21.4", "p4"));
        assertEquals(PRETTY_SUCCESS, prettyCase(via, f, "", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "p5"));
        // an empty value is as good as none: the User-Agent decides
        assertEquals(PRETTY_SUCCESS, prettyCase(via, f, "?pretty=", "curl/8.5.0", "p6"));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void compactOutputOtherwise(Via via) {
        Fixture f = fixture();
        assertEquals(COMPACT_SUCCESS, prettyCase(via, f, "", "ism-e2e/1.0", "c1"));
        assertEquals(COMPACT_SUCCESS, prettyCase(via, f, "?pretty=false", "curl/8.5.0", "c2"));
        assertEquals(COMPACT_SUCCESS, prettyCase(via, f, "?pretty=maybe", "curl/8.5.0", "c3"));
        assertEquals(COMPACT_SUCCESS, prettyCase(via, f, "", "Mozilla/4.0 (compatible)", "c4"));
        assertEquals(COMPACT_SUCCESS, prettyCase(via, f, "", "ism-curl/1.0", "c5"));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void errorsArePrettyToo(Via via) {
        Fixture f = fixture();
        Map<String, String> h = headers(Api.REGISTRY_TOKEN, JSON_TYPE);
        h.put("User-Agent", "curl/8.5.0");
        Api.Response r = send(via, mappings(f.ns()) + "?dryRun=foo", h, valid(f, "err"));
        assertEquals(422, r.code());
        assertTrue(r.body().startsWith("{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n"), r.body());
        assertEquals(example("response-422-invalid-dryrun.json"), r.json());
    }

    // ---- step 6: decode -----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Via.class)
    void malformedJsonIs400(Via via) {
        Fixture f = fixture();
        assertExactly(example("response-400-malformed-json.json"),
                send(via, mappings(f.ns()), JSON_TYPE, "{\"metadata\":{\"name\":\"ruby\"},\"tag\":".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void undecodableBodiesAre400(Via via) {
        Fixture f = fixture();
        ObjectNode otherKind = mapping(f.ns(), f.stream(), "latest", "k");
        otherKind.put("kind", "ImageStream");
        ObjectNode otherVersion = mapping(f.ns(), f.stream(), "latest", "v");
        otherVersion.put("apiVersion", "image.openshift.io/v2");
        ObjectNode wrongType = mapping(f.ns(), f.stream(), "latest", "t");
        wrongType.put("tag", 5);
        for (byte[] body : new byte[][]{bytes(otherKind), bytes(otherVersion), bytes(wrongType),
                "[]".getBytes(StandardCharsets.UTF_8), "".getBytes(StandardCharsets.UTF_8),
                "{\"tag\":\"latest\"} trailing".getBytes(StandardCharsets.UTF_8)}) {
            JsonNode status = assertStatus(send(via, mappings(f.ns()), JSON_TYPE, body), 400);
            assertEquals("BadRequest", status.path("reason").asText());
        }
        // nesting deeper than the JSON parser takes is the client's fault, not ours
        Api.Response deep = send(via, mappings(f.ns()), JSON_TYPE,
                ("{\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8));
        assertTrue(deep.code() == 400 || deep.code() == 422, deep.body());
        assertStatus(deep, deep.code());
        assertTrue(items(getStream(API, f.ns(), f.stream()), "latest").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void kindAndApiVersionMayBeOmittedAndUnknownFieldsAreDropped(Via via) {
        Fixture f = fixture();
        ObjectNode m = mapping(f.ns(), f.stream(), "latest", "omit" + via);
        m.remove("kind");
        m.remove("apiVersion");
        m.put("unknownTop", 1);
        image(m).put("unknownImageField", "x");
        assertExactly(example("response-201-success.json"), post(API, via, mappings(f.ns()), m));
        JsonNode stored = getImage(API, image(m).path("metadata").path("name").asText());
        assertFalse(stored.has("unknownImageField"), stored.toString());
    }

    // ---- step 7: namespace ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Via.class)
    void namespaceIsFilledFromTheUrlOrMustMatchIt(Via via) {
        Fixture f = fixture();
        ObjectNode noNamespace = mapping(f.ns(), f.stream(), "latest", "nons");
        ((ObjectNode) noNamespace.get("metadata")).remove("namespace");
        assertExactly(example("response-201-success.json"), post(API, via, mappings(f.ns()), noNamespace));

        ObjectNode other = mapping("elsewhere", f.stream(), "other", "mismatch");
        JsonNode status = assertStatus(post(API, via, mappings(f.ns()), other), 400);
        assertEquals("the namespace of the provided object does not match the namespace sent on the request",
                status.path("message").asText());
        assertEquals("BadRequest", status.path("reason").asText());
        assertTrue(items(getStream(API, f.ns(), f.stream()), "other").isEmpty());
    }

    // ---- steps 8 and 9: system fields wiped, signatures dropped ------------------------------------

    @ParameterizedTest
    @EnumSource(Via.class)
    void systemFieldsAreWipedAndSignaturesDropped(Via via) {
        Fixture f = fixture();
        JsonNode before = getStream(API, f.ns(), f.stream());
        ObjectNode m = mapping(f.ns(), f.stream(), "latest", "wipe" + via);
        ((ObjectNode) m.get("metadata")).put("uid", "client-uid-of-the-mapping").put("creationTimestamp", "2001-01-01T00:00:00Z")
                .put("selfLink", "/client/self/link").put("deletionTimestamp", "2001-01-02T00:00:00Z");
        ObjectNode imageMeta = (ObjectNode) image(m).get("metadata");
        imageMeta.put("uid", "client-uid-of-the-image").put("creationTimestamp", "2001-01-01T00:00:00Z")
                .put("resourceVersion", "999");
        ObjectNode signature = image(m).putArray("signatures").addObject();
        signature.putObject("metadata").put("name", imageMeta.path("name").asText() + "@0123456789abcdef0123456789abcdef");
        signature.put("type", "atomic").put("content", "c2lnbmVk");
        assertExactly(example("response-201-success.json"), post(API, via, mappings(f.ns()), m));

        JsonNode stored = getImage(API, imageMeta.path("name").asText());
        assertNotEquals("client-uid-of-the-image", stored.path("metadata").path("uid").asText());
        assertFalse(stored.path("metadata").path("uid").asText().isEmpty());
        assertNotEquals("2001-01-01T00:00:00Z", stored.path("metadata").path("creationTimestamp").asText());
        assertFalse(stored.has("signatures"), stored.toString());

        JsonNode after = getStream(API, f.ns(), f.stream());
        assertEquals(before.path("metadata").path("uid"), after.path("metadata").path("uid"));
        assertEquals(before.path("metadata").path("creationTimestamp"), after.path("metadata").path("creationTimestamp"));
        assertFalse(after.toString().contains("client-uid"), after.toString());
        assertFalse(after.toString().contains("/client/self/link"), after.toString());
    }

    // ---- step 10: validation ----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Via.class)
    void invalidMappingIs422WithEveryCause(Via via) {
        Fixture f = fixture();
        ObjectNode m = registryPush(f.ns(), f.stream(), "latest");
        m.remove("tag");
        ((ObjectNode) image(m).get("metadata")).remove("name");
        image(m).put("dockerImageReference", "Quay.io/Foo/Bar");
        assertExactly(example("response-422-invalid.json"), post(API, via, mappings(f.ns()), m));
        assertTrue(E2e.tags(getStream(API, f.ns(), f.stream())).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void tagThatCannotBeADockerTagIs422(Via via) {
        Fixture f = fixture();
        JsonNode status = assertStatus(post(API, via, mappings(f.ns()), mapping(f.ns(), f.stream(), "-bad", "badtag")), 422);
        assertEquals("FieldValueInvalid", status.at("/details/causes/0/reason").asText());
        assertEquals("tag", status.at("/details/causes/0/field").asText());
        assertEquals("ImageStreamMapping", status.at("/details/kind").asText());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void validationComesBeforeTheStreamLookup(Via via) {
        String ns = Api.unique("steps");
        ObjectNode m = registryPush(ns, "ruby", "latest");
        m.remove("tag");
        ((ObjectNode) image(m).get("metadata")).remove("name");
        image(m).put("dockerImageReference", "Quay.io/Foo/Bar");
        assertExactly(example("response-422-invalid.json"), post(API, via, mappings(ns), m));
    }

    // ---- step 11: stream lookup; step 13: success ---------------------------------------------------

    @ParameterizedTest
    @EnumSource(Via.class)
    void missingStreamIs404(Via via) {
        String ns = Api.unique("steps");
        ObjectNode m = registryPush(ns, "ruby", "latest");
        image(m).with("metadata").put("name", E2e.digest("missing" + ns));
        image(m).put("dockerImageReference", "quay.io/e2e/ruby@" + E2e.digest("missing" + ns));
        assertExactly(example("response-404-stream-not-found.json"), post(API, via, mappings(ns), m));
        assertEquals(404, API.get(Via.HTTP, Api.REGISTRY_TOKEN, E2e.image(E2e.digest("missing" + ns))).code(),
                "no image is created for a missing stream");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void successIsTheSuccessStatus(Via via) {
        Fixture f = fixture();
        ObjectNode m = registryPush(f.ns(), f.stream(), "latest");
        assertExactly(example("response-201-success.json"), post(API, via, mappings(f.ns()), m));
        JsonNode event = items(getStream(API, f.ns(), f.stream()), "latest").get(0);
        assertEquals(image(m).path("dockerImageReference").asText(), event.path("dockerImageReference").asText());
        assertEquals(image(m).at("/metadata/name").asText(), event.path("image").asText());
    }
}
