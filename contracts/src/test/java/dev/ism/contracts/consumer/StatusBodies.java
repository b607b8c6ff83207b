package dev.ism.contracts.consumer;

import au.com.dius.pact.consumer.dsl.PactDslJsonBody;

/**
 * Response bodies as the consumers rely on them: {@code kind}, {@code apiVersion}, {@code status},
 * {@code reason} and {@code code} by equality; {@code message} by type only (its wording is the
 * provider's business); {@code details} where a consumer reads it.
 */
final class StatusBodies {

    /** {@code Content-Type} of every answer: JSON, parameters such as a charset allowed. */
    static final String JSON_CONTENT_TYPE_REGEX = "application/json(\\s*;.*)?";
    static final String JSON = "application/json";
    static final String GROUP = "image.openshift.io";

    private StatusBodies() {
    }

    static PactDslJsonBody success(int code) {
        return new PactDslJsonBody()
                .stringValue("kind", "Status")
                .stringValue("apiVersion", "v1")
                .stringValue("status", "Success")
                .numberValue("code", code);
    }

    /** A Failure Status without details; add them with {@link PactDslJsonBody#object(String)}. */
    static PactDslJsonBody failure(int code, String reason, String exampleMessage) {
        return new PactDslJsonBody()
                .stringValue("kind", "Status")
                .stringValue("apiVersion", "v1")
                .stringValue("status", "Failure")
                .stringType("message", exampleMessage)
                .stringValue("reason", reason)
                .numberValue("code", code);
    }

    /** A created or fetched ImageStream: what a consumer reads of it is its identity. */
    static PactDslJsonBody imageStream(String name, String namespace) {
        PactDslJsonBody body = new PactDslJsonBody()
                .stringValue("kind", "ImageStream")
                .stringValue("apiVersion", "image.openshift.io/v1");
        body.object("metadata")
                .stringValue("name", name)
                .stringValue("namespace", namespace)
                .closeObject();
        return body;
    }
}
