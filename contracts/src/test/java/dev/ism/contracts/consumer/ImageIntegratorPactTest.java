package dev.ism.contracts.consumer;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ism.contracts.client.ApiException;
import dev.ism.contracts.client.ApiResponse;
import dev.ism.contracts.client.ImageStreamMappingClient;
import dev.ism.schema.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static dev.ism.contracts.consumer.ProviderStates.INTEGRATOR_TOKEN;
import static dev.ism.contracts.consumer.ProviderStates.NAMESPACE;
import static dev.ism.contracts.consumer.ProviderStates.NOBODY_TOKEN;
import static dev.ism.contracts.consumer.ProviderStates.STREAM_EXISTS;
import static dev.ism.contracts.consumer.ProviderStates.TOKEN_MAY_CREATE;
import static dev.ism.contracts.consumer.ProviderStates.TOKEN_NO_RIGHTS;
import static dev.ism.contracts.consumer.ProviderStates.mayCreate;
import static dev.ism.contracts.consumer.ProviderStates.noRights;
import static dev.ism.contracts.consumer.ProviderStates.stream;
import static dev.ism.contracts.consumer.StatusBodies.GROUP;
import static dev.ism.contracts.consumer.StatusBodies.JSON;
import static dev.ism.contracts.consumer.StatusBodies.JSON_CONTENT_TYPE_REGEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Consumer {@code image-integrator}: tooling that maps images living in external registries into
 * image streams, often with {@code dockerImageMetadata}, and shows the API's errors to its users.
 *
 * <p>Interactions sharing {@code POST imagestreammappings} differ in more than their provider states
 * so that a stub server can tell them apart: the query ({@code dryRun}), the Authorization header
 * (token or none), the body (external image, minimal mapping, invalid mapping) or the request's
 * Content-Type (the malformed one is sent with {@code ; charset=utf-8}).
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = ProviderStates.PROVIDER, pactVersion = PactSpecVersion.V4)
class ImageIntegratorPactTest {

    static final String CONSUMER = "image-integrator";
    static final String STREAM = "nginx";
    static final String EXAMPLE = "ism-integrator-external-image.json";
    static final String MAPPINGS = "/apis/image.openshift.io/v1/namespaces/" + NAMESPACE + "/imagestreammappings";

    static final Set<String> PINNED = Set.of(
            "$.kind", "$.apiVersion", "$.metadata.name", "$.metadata.namespace", "$.tag",
            "$.image.dockerImageMetadata.kind", "$.image.dockerImageMetadata.apiVersion",
            "$.image.dockerImageMetadataVersion", "$.image.dockerImageManifestMediaType");

    /** The smallest valid mapping of an external image: used where only authentication matters. */
    static final String MINIMAL_MAPPING = """
            {"kind":"ImageStreamMapping","apiVersion":"image.openshift.io/v1",
             "metadata":{"name":"nginx","namespace":"myproject"},
             "image":{"metadata":{"name":"sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"},
                      "dockerImageReference":"quay.io/example/nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac",
                      "dockerImageLayers":[]},
             "tag":"1.27"}""";

    /** No {@code tag}, and a reference with upper-case repository: two causes, both pinned literally. */
    static final String INVALID_MAPPING = """
            {"kind":"ImageStreamMapping","apiVersion":"image.openshift.io/v1",
             "metadata":{"name":"nginx","namespace":"myproject"},
             "image":{"metadata":{"name":"sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac"},
                      "dockerImageReference":"Quay.io/Example/Nginx",
                      "dockerImageLayers":[]}}""";

    /** Truncated in the middle of a key: not JSON. */
    static final String MALFORMED = "{\"metadata\":{\"name\":\"nginx\"},\"t";
    static final String MALFORMED_DESCRIPTION = "a mapping whose body is malformed JSON";
    static final String JSON_UTF8 = "application/json; charset=utf-8";

    static PactDslJsonBody externalImageBody() {
        return ExampleBodies.typeMatched(ExampleBodies.load(EXAMPLE), PINNED);
    }

    static ImageStreamMappingClient client(MockServer server, String token) {
        return new ImageStreamMappingClient(URI.create(server.getUrl()), token);
    }

    // --- external image with Docker metadata ------------------------------------------------------

    @Pact(consumer = CONSUMER)
    V4Pact mapExternalImage(PactDslWithProvider builder) {
        return builder
                .given(STREAM_EXISTS, stream(STREAM))
                .given(TOKEN_MAY_CREATE, mayCreate(INTEGRATOR_TOKEN))
                .uponReceiving("a mapping of an external image with Docker metadata into nginx")
                    .method("POST")
                    .path(MAPPINGS)
                    .headers("Authorization", "Bearer " + INTEGRATOR_TOKEN, "Content-Type", JSON)
                    .body(externalImageBody())
                .willRespondWith()
                    .status(201)
                    .matchHeader("Content-Type", JSON_CONTENT_TYPE_REGEX, JSON)
                    .body(StatusBodies.success(201))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "mapExternalImage")
    void externalImageIsMapped(MockServer server) {
        ApiResponse r = client(server, INTEGRATOR_TOKEN).createMapping(NAMESPACE, ExampleBodies.load(EXAMPLE), false);

        assertEquals(201, r.statusCode());
        assertEquals("Success", r.status().status());
        assertEquals(201, r.status().code());
    }

    // --- dry run ----------------------------------------------------------------------------------

    @Pact(consumer = CONSUMER)
    V4Pact dryRunExternalImage(PactDslWithProvider builder) {
        return builder
                .given(STREAM_EXISTS, stream(STREAM))
                .given(TOKEN_MAY_CREATE, mayCreate(INTEGRATOR_TOKEN))
                .uponReceiving("a dry run of a mapping of an external image into nginx")
                    .method("POST")
                    .path(MAPPINGS)
                    .query("dryRun=All")
                    .headers("Authorization", "Bearer " + INTEGRATOR_TOKEN, "Content-Type", JSON)
                    .body(externalImageBody())
                .willRespondWith()
                    .status(201)
                    .matchHeader("Content-Type", JSON_CONTENT_TYPE_REGEX, JSON)
                    .body(StatusBodies.success(201))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "dryRunExternalImage")
    void dryRunAnswersLikeTheRealThing(MockServer server) {
        ApiResponse r = client(server, INTEGRATOR_TOKEN).createMapping(NAMESPACE, ExampleBodies.load(EXAMPLE), true);

        assertEquals(201, r.statusCode());
        assertEquals("Success", r.status().status());
    }

    // --- invalid mapping: 422 with causes ---------------------------------------------------------

    @Pact(consumer = CONSUMER)
    V4Pact invalidMapping(PactDslWithProvider builder) {
        PactDslJsonBody invalid = StatusBodies.failure(422, "Invalid",
                "ImageStreamMapping.image.openshift.io \"nginx\" is invalid: [tag: Required value, "
                        + "image.dockerImageReference: Invalid value: \"Quay.io/Example/Nginx\": repository name must be lowercase]");
        invalid.object("details")
                .stringType("name", STREAM)
                .stringValue("group", GROUP)
                .stringValue("kind", "ImageStreamMapping")
                .eachLike("causes")
                    .stringType("reason", "FieldValueRequired")
                    .stringType("message", "Required value")
                    .stringType("field", "tag")
                    .closeObject()
                .closeArray()
                .closeObject();

        return builder
                .given(TOKEN_MAY_CREATE, mayCreate(INTEGRATOR_TOKEN))
                .uponReceiving("an invalid mapping without a tag and with a bad image reference")
                    .method("POST")
                    .path(MAPPINGS)
                    .headers("Authorization", "Bearer " + INTEGRATOR_TOKEN, "Content-Type", JSON)
                    .body(INVALID_MAPPING, JSON)
                .willRespondWith()
                    .status(422)
                    .matchHeader("Content-Type", JSON_CONTENT_TYPE_REGEX, JSON)
                    .body(invalid)
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "invalidMapping")
    void invalidMappingIsRejectedWithCauses(MockServer server) {
        ObjectNode body = ExampleBodies.parse(INVALID_MAPPING);

        ApiException e = assertThrows(ApiException.class,
                () -> client(server, INTEGRATOR_TOKEN).createMapping(NAMESPACE, body, false));

        assertEquals(422, e.statusCode());
        assertEquals("Invalid", e.reason());
        assertEquals("ImageStreamMapping", e.status().details().kind());
        assertFalse(e.causes().isEmpty());
        for (Status.Cause cause : e.causes()) {
            assertNotNull(cause.reason());
            assertNotNull(cause.message());
            assertNotNull(cause.field());
        }
    }

    // --- no token: 401 ----------------------------------------------------------------------------

    @Pact(consumer = CONSUMER)
    V4Pact noToken(PactDslWithProvider builder) {
        return builder
                .given(STREAM_EXISTS, stream(STREAM))
                .uponReceiving("a mapping without a bearer token")
                    .method("POST")
                    .path(MAPPINGS)
                    .headers("Content-Type", JSON)
                    .body(MINIMAL_MAPPING, JSON)
                .willRespondWith()
                    .status(401)
                    .matchHeader("Content-Type", JSON_CONTENT_TYPE_REGEX, JSON)
                    .body(StatusBodies.failure(401, "Unauthorized", "Unauthorized"))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "noToken")
    void missingTokenIsUnauthorized(MockServer server) {
        ObjectNode body = ExampleBodies.parse(MINIMAL_MAPPING);

        ApiException e = assertThrows(ApiException.class,
                () -> client(server, null).createMapping(NAMESPACE, body, false));

        assertEquals(401, e.statusCode());
        assertEquals("Unauthorized", e.reason());
        assertEquals("Failure", e.status().status());
    }

    // --- token without rights: 403 ----------------------------------------------------------------

    @Pact(consumer = CONSUMER)
    V4Pact tokenWithoutRights(PactDslWithProvider builder) {
        PactDslJsonBody forbidden = StatusBodies.failure(403, "Forbidden",
                "imagestreammappings.image.openshift.io is forbidden: User \"nobody\" cannot create resource "
                        + "\"imagestreammappings\" in API group \"image.openshift.io\" in the namespace \"myproject\"");
        forbidden.object("details")
                .stringValue("group", GROUP)
                .stringValue("kind", "imagestreammappings")
                .closeObject();

        return builder
                .given(STREAM_EXISTS, stream(STREAM))
                .given(TOKEN_NO_RIGHTS, noRights(NOBODY_TOKEN))
                .uponReceiving("a mapping with a token that has no rights")
                    .method("POST")
                    .path(MAPPINGS)
                    .headers("Authorization", "Bearer " + NOBODY_TOKEN, "Content-Type", JSON)
                    .body(externalImageBody())
                .willRespondWith()
                    .status(403)
                    .matchHeader("Content-Type", JSON_CONTENT_TYPE_REGEX, JSON)
                    .body(forbidden)
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "tokenWithoutRights")
    void tokenWithoutRightsIsForbidden(MockServer server) {
        ApiException e = assertThrows(ApiException.class,
                () -> client(server, NOBODY_TOKEN).createMapping(NAMESPACE, ExampleBodies.load(EXAMPLE), false));

        assertEquals(403, e.statusCode());
        assertEquals("Forbidden", e.reason());
        assertEquals("imagestreammappings", e.status().details().kind());
    }

    // --- malformed JSON: 400 ----------------------------------------------------------------------

    @Pact(consumer = CONSUMER)
    V4Pact malformedJson(PactDslWithProvider builder) {
        V4Pact pact = builder
                .given(STREAM_EXISTS, stream(STREAM))
                .given(TOKEN_MAY_CREATE, mayCreate(INTEGRATOR_TOKEN))
                .uponReceiving(MALFORMED_DESCRIPTION)
                    .method("POST")
                    .path(MAPPINGS)
                    .headers("Authorization", "Bearer " + INTEGRATOR_TOKEN, "Content-Type", JSON_UTF8)
                .willRespondWith()
                    .status(400)
                    .matchHeader("Content-Type", JSON_CONTENT_TYPE_REGEX, JSON)
                    .body(StatusBodies.failure(400, "BadRequest",
                            "the object provided is unrecognized (must be of type ImageStreamMapping): couldn't get "
                                    + "version/kind; json parse error: unexpected end of JSON input"))
                .toPact(V4Pact.class);
        return MalformedJsonBody.attach(pact, MALFORMED_DESCRIPTION, MALFORMED.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @PactTestFor(pactMethod = "malformedJson")
    void malformedJsonIsABadRequest(MockServer server) {
        ApiResponse r = client(server, INTEGRATOR_TOKEN)
                .sendRaw("POST", MAPPINGS, JSON_UTF8, MALFORMED.getBytes(StandardCharsets.UTF_8));

        assertEquals(400, r.statusCode());
        assertFalse(r.isSuccess());
        assertEquals("BadRequest", r.reason());
        assertEquals("Failure", r.status().status());
        assertNull(r.status().details());
    }
}
