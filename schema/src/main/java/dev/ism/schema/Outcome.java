package dev.ism.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What {@link ImageStreamMappingValidator} decided about a request body. Exactly one of:
 * {@link Valid} (the decoded, normalized mapping), or {@link Rejected} carrying the Status a client
 * receives (400 undecodable, 422 invalid).
 */
public sealed interface Outcome {

    /**
     * The body is a valid ImageStreamMapping. {@code mapping} has nulls removed and namespace filled;
     * {@code warnings} are the unknown fields and duplicate keys found in {@link FieldValidation#WARN}
     * mode ({@code unknown field "image.foo"}), one {@code Warning: 299} header each.
     */
    record Valid(ObjectNode mapping, List<String> warnings) implements Outcome {
        public Valid {
            warnings = List.copyOf(warnings);
        }

        public Valid(ObjectNode mapping) {
            this(mapping, List.of());
        }
    }

    /** The body is refused; {@code status.code()} is 400 or 422. */
    record Rejected(Status status) implements Outcome, Decoding {
    }
}
