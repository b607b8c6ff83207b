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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Set;

import static dev.ism.contracts.consumer.ProviderStates.NAMESPACE;
import static dev.ism.contracts.consumer.ProviderStates.REGISTRY_TOKEN;
import static dev.ism.contracts.consumer.ProviderStates.STREAM_EXISTS;
import static dev.ism.contracts.consumer.ProviderStates.STREAM_MISSING;
import static dev.ism.contracts.consumer.ProviderStates.TOKEN_MAY_CREATE;
import static dev.ism.contracts.consumer.ProviderStates.mayCreate;
import static dev.ism.contracts.consumer.ProviderStates.stream;
import static dev.ism.contracts.consumer.StatusBodies.GROUP;
import static dev.ism.contracts.consumer.StatusBodies.JSON;
import static dev.ism.contracts.consumer.StatusBodies.JSON_CONTENT_TYPE_REGEX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Consumer {@code image-registry}: the OpenShift image registry, which creates a mapping for every
 * push by tag (with its own service account token) and creates the ImageStream first when the API
 * says it is missing.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = ProviderStates.PROVIDER, pactVersion = PactSpecVersion.V4)
class ImageRegistryPactTest {

    static final String CONSUMER = "image-registry";
    static final String STREAM = "ruby";
    static final String EXAMPLE = "ism-registry-push-schema2.json";
    static final String MAPPINGS = "/apis/image.openshift.io/v1/namespaces/" + NAMESPACE + "/imagestreammappings";
    static final String STREAMS = "/apis/image.openshift.io/v1/namespaces/" + NAMESPACE + "/imagestreams";

    /**
     * What the registry always sends the same way; digests, sizes, the manifest and the config vary
     * with the pushed image and match by type or digest pattern.
     */
    static final Set<String> PINNED = Set.of(
            "$.kind", "$.apiVersion", "$.metadata.name", "$.metadata.namespace", "$.tag",
            "$.image.metadata.annotations.*", "$.image.dockerImageManifestMediaType");

    static PactDslJsonBody pushBody() {
        return ExampleBodies.typeMatched(ExampleBodies.load(EXAMPLE), PINNED);
    }

    static ImageStreamMappingClient client(MockServer server) {
        return new ImageStreamMappingClient(URI.create(server.getUrl()), REGISTRY_TOKEN);
    }

    // --- (a) push by tag, the stream exists ------------------------------------------------------

    @Pact(consumer = CONSUMER)
    V4Pact pushToExistingStream(PactDslWithProvider builder) {
        return builder
                .given(STREAM_EXISTS, stream(STREAM))
                .given(TOKEN_MAY_CREATE, mayCreate(REGISTRY_TOKEN))
                .uponReceiving("a push by tag to the existing image stream ruby")
                    .method("POST")
                    .path(MAPPINGS)
                    .headers("Authorization", "Bearer " + REGISTRY_TOKEN, "Content-Type", JSON)
                    .body(pushBody())
                .willRespondWith()
                    .status(201)
                    .matchHeader("Content-Type", JSON_CONTENT_TYPE_REGEX, JSON)
                    .body(StatusBodies.success(201))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "pushToExistingStream")
    void pushByTagCreatesTheMapping(MockServer server) {
        ObjectNode body = ExampleBodies.load(EXAMPLE);

        ApiResponse r = client(server).pushWithStreamCreation(NAMESPACE, body);

        assertEquals(201, r.statusCode());
        assertTrue(r.contentType().startsWith(JSON), r.contentType());
        assertEquals("Status", r.status().kind());
        assertEquals("Success", r.status().status());
        assertEquals(201, r.status().code());
    }

    // --- (b) push by tag, the stream is missing: create it, retry once ---------------------------

    @Pact(consumer = CONSUMER)
    V4Pact pushToMissingStream(PactDslWithProvider builder) {
        PactDslJsonBody notFound = StatusBodies.failure(404, "NotFound",
                "imagestreammappings.image.openshift.io \"ruby\" not found");
        notFound.object("details")
                .stringValue("name", STREAM)
                .stringValue("group", GROUP)
                .stringValue("kind", "imagestreammappings")
                .closeObject();

        PactDslJsonBody newStream = new PactDslJsonBody()
                .stringValue("kind", "ImageStream")
                .stringValue("apiVersion", "image.openshift.io/v1");
        newStream.object("metadata").stringValue("name", STREAM).closeObject();

        return builder
                .given(STREAM_MISSING, stream(STREAM))
                .given(TOKEN_MAY_CREATE, mayCreate(REGISTRY_TOKEN))
                .uponReceiving("a push by tag to the missing image stream ruby")
                    .method("POST")
                    .path(MAPPINGS)
                    .headers("Authorization", "Bearer " + REGISTRY_TOKEN, "Content-Type", JSON)
                    .body(pushBody())
                .willRespondWith()
                    .status(404)
                    .matchHeader("Content-Type", JSON_CONTENT_TYPE_REGEX, JSON)
                    .body(notFound)
                .given(STREAM_MISSING, stream(STREAM))
                .given(TOKEN_MAY_CREATE, mayCreate(REGISTRY_TOKEN))
                .uponReceiving("the creation of the missing image stream ruby")
                    .method("POST")
                    .path(STREAMS)
                    .headers("Authorization", "Bearer " + REGISTRY_TOKEN, "Content-Type", JSON)
                    .body(newStream)
                .willRespondWith()
                    .status(201)
                    .matchHeader("Content-Type", JSON_CONTENT_TYPE_REGEX, JSON)
                    .body(StatusBodies.imageStream(STREAM, NAMESPACE))
                .toPact(V4Pact.class);
    }

    /**
     * The helper sees the 404 naming the stream, creates the stream, and retries the mapping once. A
     * Pact mock server is stateless, so it answers the retry like the first attempt (404) and the
     * helper must then give up rather than loop. The retry's own contract, once the stream exists, is
     * interaction (a); the full 404, create, 201 sequence runs against a stateful fake in
     * {@code ImageStreamMappingClientTest}.
     */
    @Test
    @PactTestFor(pactMethod = "pushToMissingStream")
    void missingStreamIsCreatedThenTheMappingRetriedOnce(MockServer server) {
        ObjectNode body = ExampleBodies.load(EXAMPLE);

        ApiException e = assertThrows(ApiException.class,
                () -> client(server).pushWithStreamCreation(NAMESPACE, body));

        assertEquals(404, e.statusCode());
        assertEquals("NotFound", e.reason());
        assertEquals("imagestreammappings", e.status().details().kind());
        assertEquals(STREAM, e.status().details().name());
        assertTrue(ImageStreamMappingClient.isMissingStream(e, STREAM));
    }

    // --- lookup of the stream (the registry reads streams to serve pulls) -------------------------

    @Pact(consumer = CONSUMER)
    V4Pact lookUpStream(PactDslWithProvider builder) {
        return builder
                .given(STREAM_EXISTS, stream(STREAM))
                .given(TOKEN_MAY_CREATE, mayCreate(REGISTRY_TOKEN))
                .uponReceiving("a lookup of the image stream ruby")
                    .method("GET")
                    .path(STREAMS + "/" + STREAM)
                    .headers("Authorization", "Bearer " + REGISTRY_TOKEN)
                .willRespondWith()
                    .status(200)
                    .matchHeader("Content-Type", JSON_CONTENT_TYPE_REGEX, JSON)
                    .body(StatusBodies.imageStream(STREAM, NAMESPACE))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "lookUpStream")
    void existingStreamIsReturned(MockServer server) {
        ApiResponse r = client(server).getImageStream(NAMESPACE, STREAM);

        assertEquals(200, r.statusCode());
        assertEquals("ImageStream", r.body().path("kind").asText());
        assertEquals(STREAM, r.body().path("metadata").path("name").asText());
        assertEquals(NAMESPACE, r.body().path("metadata").path("namespace").asText());
    }
}
