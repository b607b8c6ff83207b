package dev.ism.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@link ImageStreamMappingValidator} decided about a request body. Exactly one of:
 * {@link Valid} (the decoded, normalized mapping), or {@link Rejected} carrying the Status a client
 * receives (400 undecodable, 422 invalid).
 */
public sealed interface Outcome {

    /** The body is a valid ImageStreamMapping. {@code mapping} has nulls removed and namespace filled. */
    record Valid(ObjectNode mapping) implements Outcome {
    }

    /** The body is refused; {@code status.code()} is 400 or 422. */
    record Rejected(Status status) implements Outcome {
    }
}
