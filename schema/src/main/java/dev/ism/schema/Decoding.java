package dev.ism.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What decoding a body gave: the object ({@link Decoded}), or the 400 a client receives ({@link Outcome.Rejected}).
 */
public sealed interface Decoding permits Decoding.Decoded, Outcome.Rejected {

    /**
     * A decoded object of the right kind. {@code warnings}: unknown fields and duplicate keys to warn about
     * ({@link FieldValidation#WARN}). What the decoder found that validation reports with the other 422 causes:
     * {@code tooMany}, lists over the decoder's limit (reported first), and {@code missing}, required fields
     * absent (reported last).
     */
    record Decoded(ObjectNode object, List<String> warnings, List<Status.Cause> tooMany, List<Status.Cause> missing)
            implements Decoding {
        public Decoded {
            warnings = List.copyOf(warnings);
            tooMany = List.copyOf(tooMany);
            missing = List.copyOf(missing);
        }

        public Decoded(ObjectNode object) {
            this(object, List.of(), List.of(), List.of());
        }
    }
}
