package dev.ism.function.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.function.support.Api;
import dev.ism.function.support.Api.Via;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.ism.function.e2e.E2e.assertExactly;
import static dev.ism.function.e2e.E2e.assertStatus;
import static dev.ism.function.e2e.E2e.bytes;
import static dev.ism.function.e2e.E2e.example;
import static dev.ism.function.e2e.E2e.getStream;
import static dev.ism.function.e2e.E2e.headers;
import static dev.ism.function.e2e.E2e.image;
import static dev.ism.function.e2e.E2e.items;
import static dev.ism.function.e2e.E2e.mapping;
import static dev.ism.function.e2e.E2e.mappings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BEHAVIOUR.md section 8: the {@code fieldValidation} query parameter of a mapping, through each way
 * in. {@code Warn} (the default) answers with one {@code Warning: 299} header per unknown field or
 * duplicate key; {@code Strict} refuses with 400 and writes nothing; {@code Ignore} says nothing; any
 * other value is a 422 on {@code CreateOptions}, checked before the body is read.
 */
class FieldValidationTest {

    private static final Api API = Api.shared();
    private static final String UNKNOWN = "299 - \"unknown field \\\"image.foo\\\"\"";
    private static final String DUPLICATE = "299 - \"duplicate field \\\"tag\\\"\"";

    private static Api.Response send(Via via, String query, byte[] body) {
        return API.send(via, "POST", mappings(ns) + query, headers(Api.REGISTRY_TOKEN, "application/json"), body, false);
    }

    private static String ns;

    /** A mapping with an unknown field {@code image.foo} and {@code tag} given twice (the last, "latest", wins). */
    private static byte[] unknownAndDuplicate(String seed) {
        ObjectNode m = exact(mapping(ns, "ruby", "latest", seed));
        image(m).put("foo", 1);
        m.remove("tag");
        String json = new String(bytes(m), StandardCharsets.UTF_8);
        return ("{\"tag\":\"first\"," + json.substring(1, json.length() - 1) + ",\"tag\":\"latest\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * E2e's mapping without its log marker ({@code ismTestMarker}, an unknown field added for SuiteLogCheck):
     * these tests count every unknown field the server reports.
     */
    private static ObjectNode exact(ObjectNode mapping) {
        mapping.remove("ismTestMarker");
        return mapping;
    }

    private static void fixture() {
        ns = Api.unique("fieldvalidation");
        API.createStream(ns, "ruby");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void warnIsTheDefaultAndSendsOneWarningHeaderPerProblem(Via via) {
        fixture();
        for (String query : List.of("", "?fieldValidation=Warn", "?fieldValidation=")) {
            Api.Response r = send(via, query, unknownAndDuplicate("warn" + query));
            assertExactly(example("response-201-success.json"), r);
            assertWarnings(via, r, UNKNOWN, DUPLICATE);
        }
        JsonNode latest = items(getStream(API, ns, "ruby"), "latest").get(0);
        assertTrue(latest.path("dockerImageReference").asText().startsWith("quay.io/e2e/ruby@"), "the mapping was written");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void warningsComeWithLaterErrorsToo(Via via) {
        fixture();
        ObjectNode m = exact(mapping(ns, "no-such-stream", "latest", "w404"));
        image(m).put("foo", 1);
        Api.Response r = send(via, "", bytes(m));
        assertStatus(r, 404);
        assertWarnings(via, r, UNKNOWN);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void strictRefusesWith400AndWritesNothing(Via via) {
        fixture();
        Api.Response r = send(via, "?fieldValidation=Strict", unknownAndDuplicate("strict"));
        JsonNode status = assertStatus(r, 400);
        assertEquals("BadRequest", status.path("reason").asText());
        assertEquals("ImageStreamMapping in version \"v1\" cannot be handled as a ImageStreamMapping: strict decoding error:"
                + " unknown field \"image.foo\", duplicate field \"tag\"", status.path("message").asText());
        assertEquals(List.of(), r.values("Warning"));
        assertTrue(items(getStream(API, ns, "ruby"), "latest").isEmpty(), "nothing written");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void ignoreAcceptsSilently(Via via) {
        fixture();
        Api.Response r = send(via, "?fieldValidation=Ignore", unknownAndDuplicate("ignore"));
        assertExactly(example("response-201-success.json"), r);
        assertEquals(List.of(), r.values("Warning"));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aCleanBodyHasNoWarnings(Via via) {
        fixture();
        Api.Response r = send(via, "", bytes(exact(mapping(ns, "ruby", "latest", "clean"))));
        assertExactly(example("response-201-success.json"), r);
        assertEquals(List.of(), r.values("Warning"));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void otherValuesAre422CreateOptionsBeforeTheBodyIsRead(Via via) {
        fixture();
        for (String value : List.of("strict", "Foo")) {
            JsonNode status = assertStatus(send(via, "?fieldValidation=" + value, "{\"metadata\":".getBytes(StandardCharsets.UTF_8)), 422);
            assertEquals("CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"" + value
                    + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"", status.path("message").asText());
            JsonNode cause = status.path("details").path("causes").get(0);
            assertEquals("FieldValueNotSupported", cause.path("reason").asText());
            assertEquals("fieldValidation", cause.path("field").asText());
            assertEquals("CreateOptions", status.path("details").path("kind").asText());
            assertEquals("meta.k8s.io", status.path("details").path("group").asText());
        }
        JsonNode both = assertStatus(send(via, "?dryRun=foo&fieldValidation=x", bytes(mapping(ns, "ruby", "latest", "x"))), 422);
        assertEquals(List.of("dryRun", "fieldValidation"),
                List.of(both.at("/details/causes/0/field").asText(), both.at("/details/causes/1/field").asText()));
    }

    /**
     * The Warning headers as the client gets them: apart over HTTP and in the REST API's
     * {@code multiValueHeaders}; joined by commas in the HTTP API's {@code headers} (its only way).
     */
    private static void assertWarnings(Via via, Api.Response r, String... expected) {
        if (via == Via.LAMBDA_V2) {
            assertEquals(List.of(String.join(",", expected)), r.values("Warning"), () -> "headers " + r.headers());
        } else {
            assertEquals(List.of(expected), r.values("Warning"), () -> "headers " + r.headers());
        }
    }
}
